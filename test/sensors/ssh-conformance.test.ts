// The SSH sensor against the shared sensor conformance suite.
import { runSensorConformance } from './sensor-conformance.js';

runSensorConformance('ssh', { malformed: Buffer.from('SSH-2.0-x\r\n\xff\xff\xff\xff\x00garbage', 'latin1') });
