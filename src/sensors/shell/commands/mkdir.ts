// mkdir: succeeds silently (the session's files carry no metadata yet).
import { silentCommand } from './silent-command.js';

export const mkdir = silentCommand('mkdir', 1, ['/usr/bin/mkdir', '/bin/mkdir']);
