// SFTP status codes and the fixed texts OpenSSH's sftp-server sends with them, and its errno mapping.
import { FsError, type FsErrorCode } from '../../shell/fs/types.js';

export const FX = {
  OK: 0,
  EOF: 1,
  NO_SUCH_FILE: 2,
  PERMISSION_DENIED: 3,
  FAILURE: 4,
  BAD_MESSAGE: 5,
  OP_UNSUPPORTED: 8,
} as const;

export type FxCode = (typeof FX)[keyof typeof FX];

/** status_to_message() in sftp-server.c. */
export const FX_MESSAGE: Readonly<Record<FxCode, string>> = {
  0: 'Success',
  1: 'End of file',
  2: 'No such file',
  3: 'Permission denied',
  4: 'Failure',
  5: 'Bad message',
  8: 'Operation unsupported',
};

/** errno_to_portable(): ENOTDIR and ELOOP read as "No such file", EINVAL as "Bad message", the rest "Failure". */
export function fxOfErrno(code: FsErrorCode): FxCode {
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
    case 'ELOOP':
      return FX.NO_SUCH_FILE;
    case 'EPERM':
    case 'EACCES':
      return FX.PERMISSION_DENIED;
    case 'EINVAL':
      return FX.BAD_MESSAGE;
    default:
      return FX.FAILURE;
  }
}

/** A thrown FsError as a status; anything else is an emulation fault, shown as the generic "Failure". */
export function fxOf(err: unknown): FxCode {
  return err instanceof FsError ? fxOfErrno(err.code) : FX.FAILURE;
}
