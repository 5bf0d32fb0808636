// Commands registered as one group so their authors can add them without touching index.ts: the downloads group.
import type { Command } from '../command.js';
import { busyboxWget } from './busybox-wget.js';
import { curl } from './curl.js';
import { ftpget } from './ftpget.js';
import { tftp } from './tftp.js';
import { wget } from './wget.js';

/** What a Debian 12 server has on its PATH: GNU wget and curl (no tftp or ftpget client by default). */
export const DOWNLOADS_COMMANDS: readonly Command[] = [wget, curl];

/** BusyBox's own download applets: its wget speaks differently from GNU wget, and tftp and ftpget exist only there. */
export const BUSYBOX_DOWNLOAD_APPLETS: ReadonlyMap<string, Command> = new Map([
  ['wget', busyboxWget],
  ['tftp', tftp],
  ['ftpget', ftpget],
]);
