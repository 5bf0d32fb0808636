// sha1sum: coreutils' SHA1 checksums of stdin or files (and -c lists), through the shared digest tool.
import { makeDigest } from './digest.js';

export const sha1Sum = makeDigest('sha1sum', 'sha1');
