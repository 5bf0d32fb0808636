// The floor under the SSH sensor: a bare ssh2 server with the persona's identification, algorithms and host key
// types that accepts the bench password and answers any exec with a fixed `uname -a` line. No events, no shell.
import ssh2 from 'ssh2';
import { createServer, type AddressInfo } from 'node:net';
import { loadPersona } from '../../src/core/persona-loader.js';
import { SshPersonaSchema } from '../../src/schema/persona.js';
import { generatePair, signingKey } from '../../src/sensors/ssh/host-keys.js';
import { ssh2Algorithms } from '../../src/sensors/ssh/persona-algorithms.js';

const UNAME = 'Linux web-prod-02 6.1.0-37-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.140-1 (2025-05-22) x86_64 GNU/Linux\n';

export async function startBareSsh2(password: string): Promise<{ port: number; stop: () => Promise<void> }> {
  const persona = loadPersona('ssh', 'openssh-9.2p1-debian-12', SshPersonaSchema);
  // The sensor's own signing shortcut, so this floor is the best ssh2 can do and the gap above it is the sensor's.
  const keys = persona.algorithms.server_host_key.map((alg) => ({
    key: signingKey(generatePair(alg === 'ssh-ed25519' ? 'ed25519' : 'ecdsa').private),
  }));
  const server = new ssh2.Server(
    {
      hostKeys: keys,
      ident: persona.ident,
      algorithms: ssh2Algorithms(persona),
    },
    (client) => {
      client.on('error', () => {});
      client.on('authentication', (ctx) => {
        if (ctx.method === 'password' && ctx.password === password) ctx.accept();
        else ctx.reject(['publickey', 'password']);
      });
      client.on('session', (accept) => {
        const session = accept();
        session.on('pty', (ok) => ok?.());
        session.on('exec', (ok) => {
          const stream = ok();
          stream.write(UNAME);
          stream.exit(0);
          stream.end();
        });
        session.on('shell', (ok) => {
          const stream = ok();
          stream.write('$ ');
          stream.on('data', () => stream.write(`\r\n${UNAME.trimEnd()}\r\n$ `));
        });
      });
    },
  );
  // Accepted as the sensor accepts: our own listener with TCP_NODELAY, sockets handed to ssh2.
  const listener = createServer({ noDelay: true }, (socket) => {
    socket.on('error', () => {});
    server.injectSocket(socket);
  });
  await new Promise<void>((r) => listener.listen(0, '127.0.0.1', () => r()));
  return { port: (listener.address() as AddressInfo).port, stop: () => new Promise<void>((r) => listener.close(() => r())) };
}
