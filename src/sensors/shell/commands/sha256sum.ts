// sha256sum: coreutils' SHA256 checksums of stdin or files (and -c lists), through the shared digest tool.
import { makeDigest } from './digest.js';

export const sha256Sum = makeDigest('sha256sum', 'sha256');
