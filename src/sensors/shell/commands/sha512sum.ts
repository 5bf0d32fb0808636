// sha512sum: coreutils' SHA512 checksums of stdin or files (and -c lists), through the shared digest tool.
import { makeDigest } from './digest.js';

export const sha512Sum = makeDigest('sha512sum', 'sha512');
