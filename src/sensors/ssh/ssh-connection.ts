// One SSH connection: fingerprinting (version, KEXINIT/HASSH), authentication against the login
// policy with OpenSSH's limits, channels, refusal of forwarding, and every way the connection can end.
import type { Socket } from 'node:net';
import type { AuthContext, Connection, ClientInfo } from 'ssh2';
import type { CloseReason } from '../../schema/events.js';
import type { SshConfig } from '../../schema/config.js';
import type { SshPersona } from '../../schema/persona.js';
import type { SessionScope } from '../../core/session-scope.js';
import type { LoginPolicy } from '../auth/login-policy.js';
import { KexTap } from './kex-tap.js';
import { handleSessionChannel } from './session-channel.js';
import { pamFailDelayMs, refusalDelayMs } from './fail-delay.js';
import { IdentGuard } from './ident-guard.js';
import type { ShellUser } from '../shell/shell.js';
import type { ShellServices } from '../shell/shell-host.js';
import { loginUser } from '../shell/system/identity.js';

export interface ConnectionDeps {
  config: SshConfig;
  persona: SshPersona;
  policy: LoginPolicy;
  shell: ShellServices;
}

/** OpenSSH's MaxSessions default: session channels one connection may hold open. */
const MAX_SESSION_CHANNELS = 10;
/** Bytes of unparseable data kept as hex in protocol.error. */
const SAMPLE_BYTES = 256;

export class SshConnection {
  private client: Connection | undefined;
  private closeReason: CloseReason = 'client';
  private authenticated = false;
  private failures = 0;
  private openChannels = 0;
  private user: ShellUser | undefined;
  /** One timer for the three limits (session length, login grace, idle), re-armed only when it fires. */
  private timer: NodeJS.Timeout | undefined;
  private readonly startedAt = performance.now();
  private lastActivity = this.startedAt;
  private reportedMalformed = false;
  private lastBytes: Buffer = Buffer.alloc(0);

  constructor(
    readonly socket: Socket,
    readonly scope: SessionScope,
    private readonly deps: ConnectionDeps,
  ) {
    this.armTimer();
    const tap = new KexTap();
    const ident = new IdentGuard();
    const onData = (chunk: Buffer): void => {
      // Every packet ssh2 sends in answer to this chunk (NEWKEYS with EXT_INFO, channel success with data,
      // exit-status, EOF and close) leaves in one write instead of one system call each.
      if (!socket.writableCorked) {
        socket.cork();
        process.nextTick(() => socket.uncork());
      }
      this.resetIdle();
      this.lastBytes = chunk.subarray(0, SAMPLE_BYTES);
      // Runs before ssh2's own listener, so sshd's refusal line leaves before the connection is dropped.
      const refusal = ident.feed(chunk);
      if (refusal && socket.writable) socket.write(refusal);
      if (tap.finished) return;
      const r = tap.feed(chunk);
      if (r.kind === 'kexinit') {
        scope.emit('client.version', { version: r.ident });
        const { hassh, hasshAlgorithms, kexAlgs, keyAlgs, encCS, macCS, compCS, langCS } = r.kex;
        scope.emit('client.kex', { hassh, hasshAlgorithms, kexAlgs, keyAlgs, encCS, macCS, compCS, langCS });
      } else if (r.kind === 'malformed') {
        this.reportMalformed(r.reason, r.sample);
        // ssh2 silences errors before the identification line; end such connections ourselves.
        this.terminate('error');
      }
    };
    socket.on('data', onData);
    socket.on('error', () => {
      // Resets and aborts are how scanners leave; the close handler records the end.
    });
    socket.once('close', () => {
      clearTimeout(this.timer);
      scope.close(this.closeReason);
    });
  }

  /** ssh2 parsed the client's identification line; from here on ssh2 drives the protocol. */
  attach(client: Connection, _info: ClientInfo): void {
    this.client = client;
    client.on('error', (err: Error) => {
      if (this.scope.closed) return;
      this.reportMalformed(err.message, this.lastBytes);
      this.closeReason = 'error';
    });
    client.on('authentication', (ctx) => this.authenticate(ctx));
    client.on('ready', () => {
      this.authenticated = true;
    });
    client.on('session', (accept, reject) => {
      if (!this.authenticated || !this.user || this.openChannels >= MAX_SESSION_CHANNELS) {
        reject();
        return;
      }
      this.openChannels++;
      const session = accept();
      session.once('close', () => this.openChannels--);
      handleSessionChannel(session, {
        scope: this.scope,
        persona: this.deps.persona,
        hostname: this.deps.shell.hostname,
        services: this.deps.shell,
        user: this.user,
        onActivity: () => this.resetIdle(),
      });
    });
    client.on('tcpip', (_accept, reject, info) => {
      this.scope.emit('direct-tcpip.request', {
        kind: 'direct-tcpip',
        dst_host: info.destIP,
        dst_port_requested: clampPort(info.destPort),
      });
      reject();
    });
    client.on('request', (_accept, reject, name, info) => {
      if (name === 'tcpip-forward' || name === 'cancel-tcpip-forward') {
        const bind = info as { bindAddr?: string; bindPort?: number };
        this.scope.emit('direct-tcpip.request', {
          kind: 'tcpip-forward',
          dst_host: String(bind.bindAddr ?? ''),
          dst_port_requested: clampPort(bind.bindPort ?? 0),
        });
      }
      reject?.();
    });
    client.on('close', () => this.socket.destroy());
  }

  /** End the connection from our side, recording why. */
  terminate(reason: CloseReason): void {
    if (this.scope.closed) return;
    this.closeReason = reason;
    if (this.client) {
      try {
        this.client.end();
      } catch {
        // Already half-closed; the destroy below finishes the job.
      }
    }
    this.socket.end();
    // A peer that never reads would keep the socket half-open; don't wait for it.
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }

  /** Input restarts the idle clock; a timestamp, not a new timer per packet. */
  private resetIdle(): void {
    this.lastActivity = performance.now();
  }

  private armTimer(): void {
    const { config } = this.deps;
    const end = this.startedAt + config.max_session_s * 1000;
    const grace = this.authenticated ? Infinity : this.startedAt + config.login_grace_time_s * 1000;
    const idle = this.lastActivity + config.idle_timeout_s * 1000;
    const now = performance.now();
    if (now >= end || now >= grace) return this.terminate('timeout');
    if (now >= idle) return this.terminate('idle');
    this.timer = setTimeout(() => this.armTimer(), Math.max(1, Math.ceil(Math.min(end, grace, idle) - now)));
  }

  private reportMalformed(message: string, sample: Buffer): void {
    if (this.reportedMalformed) return;
    this.reportedMalformed = true;
    this.scope.emit('protocol.error', { message, data_hex: sample.subarray(0, SAMPLE_BYTES).toString('hex') });
  }

  private authenticate(ctx: AuthContext): void {
    const methods = this.deps.persona.auth_methods;
    const allowed = this.deps.config.keyboard_interactive ? [...new Set([...methods, 'keyboard-interactive' as const])] : methods;
    if (ctx.method === 'none') {
      this.refuseLater(ctx.username, 0, () => ctx.reject(allowed));
      return;
    }
    if (ctx.method === 'password') {
      this.decide(ctx, ctx.username, ctx.password, 'password', allowed);
      return;
    }
    if (ctx.method === 'keyboard-interactive' && allowed.includes('keyboard-interactive')) {
      ctx.prompt([{ prompt: this.deps.persona.keyboard_interactive_prompt, echo: false }], (answers) => {
        this.decide(ctx, ctx.username, answers[0] ?? '', 'keyboard-interactive', allowed);
      });
      return;
    }
    // publickey and anything else: refused, and counted against MaxAuthTries as OpenSSH does.
    this.refuseLater(ctx.username, 0, () => this.fail(ctx, allowed));
  }

  /** Refuse when sshd would: after PAM's sleep (`pamMs`) and OpenSSH's per-user minimum; a timer, so no other connection waits. */
  private refuseLater(username: string, pamMs: number, refuse: () => void): void {
    const ms = refusalDelayMs(this.deps.shell.hostname, username, pamMs);
    // Not tracked (a client may send many 'none' requests); a late one finds the scope closed.
    setTimeout(() => {
      if (!this.scope.closed) refuse();
    }, ms).unref();
  }

  private decide(
    ctx: AuthContext,
    username: string,
    password: string,
    method: 'password' | 'keyboard-interactive',
    allowed: readonly ('publickey' | 'password' | 'keyboard-interactive')[],
  ): void {
    if (this.scope.closed) return;
    if (this.deps.policy.accepts(username, password)) {
      this.scope.emit('login.success', { username, password, method });
      this.user = loginUser(username, this.deps.shell.os);
      ctx.accept();
      return;
    }
    this.scope.emit('login.failed', { username, password, method });
    // pam_unix sleeps its fail delay before a wrong password is answered.
    this.refuseLater(username, pamFailDelayMs(this.deps.config.auth_fail_delay_ms), () => this.fail(ctx, allowed));
  }

  private fail(ctx: AuthContext, allowed: readonly ('publickey' | 'password' | 'keyboard-interactive')[]): void {
    this.failures++;
    if (this.failures >= this.deps.config.max_auth_tries) {
      ctx.reject();
      this.terminate('auth_limit');
      return;
    }
    ctx.reject([...allowed]);
  }
}

function clampPort(p: number): number {
  return Number.isInteger(p) && p >= 0 && p <= 65535 ? p : 0;
}
