// The Telnet sensor against the shared sensor conformance suite.
import { runSensorConformance } from './sensor-conformance.js';

// A terminal-type subnegotiation that never ends and outgrows telnetd's 512-byte buffer.
runSensorConformance('telnet', { malformed: Buffer.concat([Buffer.from([255, 250, 24, 0]), Buffer.alloc(2048, 0x41)]) });
