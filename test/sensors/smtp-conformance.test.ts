// The SMTP sensor against the shared sensor conformance suite.
import { runSensorConformance } from './sensor-conformance.js';

// A command line with NUL and bytes that are not UTF-8: Postfix answers it, we also record it as protocol.error.
runSensorConformance('smtp', { malformed: Buffer.from('EHLO \x00\xff\xfe\x80garbage\r\n', 'latin1') });
