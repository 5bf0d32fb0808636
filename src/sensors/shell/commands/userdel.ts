// userdel (shadow 4.13): through the shared account tool (silent for root, refused for others).
import { makeAccountTool } from './account-tool.js';

export const userdel = makeAccountTool('userdel');
