// gunzip (gzip 1.12): through the shared gzip tool.
import { makeGzip } from './gzip-tool.js';

export const gunzip = makeGzip('gunzip');
