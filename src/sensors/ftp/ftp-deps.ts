// What every FTP session shares within one sensor: configuration, persona, the login policy, the artifact store
// and the upload memory budget.
import type { FtpConfig } from '../../schema/config/ftp.js';
import type { FtpPersona } from '../../schema/personas/ftp.js';
import type { ArtifactStore } from '../artifact-store.js';
import type { LoginPolicy } from '../auth/login-policy.js';
import type { UploadBudget } from './upload-budget.js';

export interface FtpDeps {
  config: FtpConfig;
  persona: FtpPersona;
  policy: LoginPolicy;
  artifacts: ArtifactStore;
  uploads: UploadBudget;
}
