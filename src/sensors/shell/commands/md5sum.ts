// md5sum: coreutils' MD5 checksums of stdin or files (and -c lists), through the shared digest tool.
import { makeDigest } from './digest.js';

export const md5Sum = makeDigest('md5sum', 'md5');
