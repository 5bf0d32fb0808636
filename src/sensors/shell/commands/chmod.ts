// chmod: succeeds silently (the session's files carry no metadata yet).
import { silentCommand } from './silent-command.js';

export const chmod = silentCommand('chmod', 2, ['/usr/bin/chmod', '/bin/chmod']);
