// The HTTPS sensor against the shared sensor conformance suite; plain HTTP on the TLS port is malformed.
import { runSensorConformance } from './sensor-conformance.js';

runSensorConformance('https', { malformed: Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n', 'latin1') });
