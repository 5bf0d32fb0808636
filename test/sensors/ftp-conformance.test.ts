// The FTP sensor against the shared sensor conformance suite.
import { runSensorConformance } from './sensor-conformance.js';

// A command line carrying a NUL and bytes that are not UTF-8: recorded as protocol.error.
runSensorConformance('ftp', { malformed: Buffer.from('USER \x00\xff\xfe\r\n', 'latin1') });
