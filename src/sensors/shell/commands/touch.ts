// touch: succeeds silently (the session's files carry no metadata yet).
import { silentCommand } from './silent-command.js';

export const touch = silentCommand('touch', 1, ['/usr/bin/touch', '/bin/touch']);
