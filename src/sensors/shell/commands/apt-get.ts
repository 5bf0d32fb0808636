// apt-get (apt 2.6.1): through the shared package tool (lock errors for users, unreachable mirror for root).
import { makePackageTool } from './package-tool.js';

export const aptGet = makePackageTool('apt-get');
