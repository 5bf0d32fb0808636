// Files attackers upload or write, stored once by SHA-256 under the data directory; never served or executed.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StoredArtifact {
  shasum: string;
  /** The same content was stored before (by anyone). */
  duplicate: boolean;
  path: string;
}

export class ArtifactStore {
  constructor(private readonly dir: string) {}

  /** Store `data` as `<dir>/<sha256>` (mode 0600) unless that content is already there. */
  save(data: Buffer): StoredArtifact {
    const shasum = createHash('sha256').update(data).digest('hex');
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const path = join(this.dir, shasum);
    const duplicate = existsSync(path);
    if (!duplicate) writeFileSync(path, data, { mode: 0o600 });
    return { shasum, duplicate, path };
  }
}
