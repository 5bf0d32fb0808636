// The instance's fully qualified name: what Postfix takes as myhostname and the web site claims by default.
import type { InstanceIdentity } from '../../schema/instance-identity.js';

export function instanceFqdn(id: Pick<InstanceIdentity, 'hostname' | 'domain'>): string {
  return `${id.hostname}.${id.domain}`;
}
