// Binding a sensor's TCP listener, with a clear start-up error when the port is taken or forbidden.
import type { Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { PhantomError } from '../core/errors.js';
import type { ListenAddress } from '../core/sensor.js';

export function listen(server: Server, host: string, port: number, sensor: string): Promise<ListenAddress> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      const why =
        err.code === 'EADDRINUSE'
          ? 'is already in use'
          : err.code === 'EACCES'
            ? 'needs privileges (use a port above 1023 and redirect; see the README)'
            : `cannot be bound (${err.code ?? err.message})`;
      reject(new PhantomError('PN_ERR_PORT_IN_USE', `sensor ${sensor}: ${host}:${port} ${why}`, { cause: err }));
    };
    server.once('error', onError);
    server.listen({ host, port, backlog: 511 }, () => {
      server.off('error', onError);
      const a = server.address() as AddressInfo;
      resolve({ host: a.address, port: a.port });
    });
  });
}
