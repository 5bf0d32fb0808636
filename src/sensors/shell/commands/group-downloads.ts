// Commands registered as one group so their authors can add them without touching index.ts: the downloads group.
import type { Command } from '../command.js';

export const DOWNLOADS_COMMANDS: readonly Command[] = [];
