// The persona's algorithm lists in the shape ssh2's Server wants them, so anything that serves as the persona
// (the sensor, the bench's bare floor) offers exactly OpenSSH's lists in OpenSSH's order.
import type ssh2 from 'ssh2';
import type { SshPersona } from '../../schema/persona.js';

export function ssh2Algorithms(persona: SshPersona): ssh2.Algorithms {
  return {
    kex: persona.algorithms.kex as ssh2.KexAlgorithm[],
    cipher: persona.algorithms.cipher as ssh2.CipherAlgorithm[],
    hmac: persona.algorithms.mac as ssh2.MacAlgorithm[],
    compress: persona.algorithms.compress as ssh2.CompressionAlgorithm[],
    serverHostKey: persona.algorithms.server_host_key as ssh2.ServerHostKeyAlgorithm[],
  };
}
