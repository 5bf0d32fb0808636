// The MySQL sensor against the shared sensor conformance suite; the malformed input is a framed
// handshake response too short to parse (mysqld's "Bad handshake").
import { runSensorConformance } from './sensor-conformance.js';

runSensorConformance('mysql', { malformed: Buffer.from([0x03, 0x00, 0x00, 0x01, 0x61, 0x62, 0x63]) });
