// The Redis sensor against the shared sensor conformance suite.
import { runSensorConformance } from './sensor-conformance.js';

// A bulk length that is not a number: Redis answers "invalid bulk length" and closes.
runSensorConformance('redis', { malformed: Buffer.from('*1\r\n$x1\r\nPING\r\n', 'latin1') });
