// false: fails and prints nothing.
import type { Command } from '../command.js';

export const falseCommand: Command = { name: 'false', paths: ['/bin/false', '/usr/bin/false'], run: () => 1 };
