// The HTTP sensor against the shared sensor conformance suite; a TLS ClientHello on the plain port is malformed.
import { runSensorConformance } from './sensor-conformance.js';

runSensorConformance('http', { malformed: Buffer.from('160301002f0100002b0303' + '00'.repeat(32) + '0000020035010000', 'hex') });
