// chown: succeeds silently (the session's files carry no metadata yet).
import { silentCommand } from './silent-command.js';

export const chown = silentCommand('chown', 2, ['/usr/bin/chown', '/bin/chown']);
