// Copies persona data (YAML) next to the compiled code, where the persona loader looks for it.
import { cpSync } from 'node:fs';

cpSync('src/personas', 'dist/personas', { recursive: true, filter: (src) => !src.endsWith('.ts') });
