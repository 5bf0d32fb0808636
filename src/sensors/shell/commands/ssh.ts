// ssh (OpenSSH 9.2p1 client): -V prints the version; connections out are refused, as wget's and curl's are
// (the same stand-in address for a name), status 255.
import type { Command } from '../command.js';

const VERSION = 'OpenSSH_9.2p1 Debian-2+deb12u7, OpenSSL 3.0.17 1 Jul 2025\n';
const VALUED = new Set(['-b', '-c', '-D', '-E', '-e', '-F', '-I', '-i', '-J', '-L', '-l', '-m', '-O', '-o', '-p', '-Q', '-R', '-S', '-W', '-w']);

export const ssh: Command = {
  name: 'ssh',
  paths: ['/usr/bin/ssh'],
  run(ctx) {
    let host: string | undefined;
    let port = '22';
    for (let i = 0; i < ctx.args.length; i++) {
      const a = ctx.args[i]!;
      if (a === '-V') {
        ctx.stderr(VERSION);
        return 0;
      }
      if (VALUED.has(a)) {
        if (a === '-p') port = ctx.args[i + 1] ?? port;
        i++;
      } else if (!a.startsWith('-')) {
        host = a;
        break;
      }
    }
    if (host === undefined) {
      ctx.stderr('usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]\n           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]\n           [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]\n           [-J destination] [-L address] [-l login_name] [-m mac_spec]\n           [-O ctl_cmd] [-o option] [-P tag] [-p port] [-Q query_option]\n           [-R address] [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]\n           destination [command [argument ...]]\n');
      return 255;
    }
    const bare = host.replace(/^.*@/, '');
    if (bare === 'localhost' || bare.startsWith('127.') || bare === ctx.hostname) {
      // The local sshd answers, but its host key is not in known_hosts and no terminal can confirm it
      // (the fingerprint line is left out: it would have to match the key the sensor really serves).
      ctx.stderr('Host key verification failed.\n');
      return 255;
    }
    // OpenSSH names the host as typed, not the address it connected to.
    ctx.stderr(`ssh: connect to host ${bare} port ${port}: Connection refused\n`);
    return 255;
  },
};
