// Commands registered as one group so their authors can add them without touching index.ts: the more group.
import type { Command } from '../command.js';

export const MORE_COMMANDS: readonly Command[] = [];
