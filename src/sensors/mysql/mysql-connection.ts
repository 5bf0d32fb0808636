// One MySQL client connection: greeting, login (capturing the scramble for offline cracking), then the
// command phase. Every reply carries the sequence id mysqld would use; bad framing ends the connection as mysqld does.
import type { Connection } from '../tcp-listener.js';
import type { Config } from '../../schema/config.js';
import type { MysqlPersona } from '../../schema/personas/mysql.js';
import type { LoginPolicy } from '../auth/login-policy.js';
import { CLIENT, authSwitchRequest, greeting, newSalt, parseHandshakeResponse, type HandshakeResponse } from './handshake.js';
import { PacketReader, eofPacket, errPacket, frame, okPacket, readLenenc, type Frame } from './packets.js';
import { answer, unknownDatabase, type Answer, type ServerError } from './query-responder.js';
import { encodeResultSet } from './result-set.js';

export interface MysqlDeps {
  config: Config['mysql'];
  persona: MysqlPersona;
  variables: Readonly<Record<string, string>>;
  policy: LoginPolicy;
  connectionId: number;
}

const COMMANDS: Record<number, string> = {
  0x01: 'COM_QUIT',
  0x02: 'COM_INIT_DB',
  0x04: 'COM_FIELD_LIST',
  0x09: 'COM_STATISTICS',
  0x0e: 'COM_PING',
  0x11: 'COM_CHANGE_USER',
  0x1f: 'COM_RESET_CONNECTION',
};

const hex = (b: Buffer): string => b.toString('hex');

export class MysqlConnection {
  private state: 'handshake' | 'switch' | 'command' | 'done' = 'handshake';
  private readonly reader: PacketReader;
  private readonly salt = newSalt();
  private client: HandshakeResponse | undefined;
  /** The client's first scramble when it came for another plugin than the one we switch it to. */
  private firstScramble: string | undefined;
  private switchSeq = 0;
  private capabilities = 0;
  private database: string | undefined;
  private commands = 0;

  constructor(
    private readonly conn: Connection,
    private readonly deps: MysqlDeps,
  ) {
    this.reader = new PacketReader(deps.config.max_packet_bytes);
    const p = deps.persona;
    conn.socket.write(
      frame(0, greeting({ version: p.version, connectionId: deps.connectionId, salt: this.salt, capabilities: p.capabilities, charset: p.charset, status: p.status, authPlugin: p.auth_plugin })),
    );
    const loginTimer = setTimeout(() => {
      if (this.state !== 'command') this.end('timeout');
    }, deps.config.connect_timeout_s * 1000);
    conn.scope.onClose(() => clearTimeout(loginTimer));
    conn.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    conn.socket.on('end', () => {
      const rest = this.reader.pending();
      if (rest.length > 0 && this.state !== 'done') this.protocolError('truncated packet at end of stream', rest);
    });
  }

  private finished(): boolean {
    return this.state === 'done';
  }

  private get protocol41(): boolean {
    return (this.capabilities & CLIENT.PROTOCOL_41) !== 0;
  }

  private onData(chunk: Buffer): void {
    if (this.finished()) return;
    this.conn.touch();
    this.reader.push(chunk);
    while (!this.finished()) {
      const r = this.reader.next();
      if (r.kind === 'need_more') return;
      if (r.kind === 'too_big') {
        this.protocolError(`packet of ${r.length} bytes exceeds max_allowed_packet`, r.head);
        this.fail(r.seq + 1, { code: 1153, state: '08S01', message: "Got a packet bigger than 'max_allowed_packet' bytes" }, 'limit');
        return;
      }
      this.onFrame(r.frame);
    }
  }

  private onFrame(f: Frame): void {
    if (this.state === 'handshake') return this.onHandshake(f);
    if (this.state === 'switch') {
      if (f.seq !== this.switchSeq) return this.outOfOrder(f);
      // Old libmysql sends a lone NUL for an empty password.
      const data = f.payload.length === 1 && f.payload[0] === 0 ? Buffer.alloc(0) : f.payload;
      return this.finishLogin('mysql_native_password', data, f.seq + 1);
    }
    if (f.seq !== 0) return this.outOfOrder(f);
    this.onCommand(f.payload);
  }

  private onHandshake(f: Frame): void {
    // Banner grabbers (hydra's probe among them) read the greeting and send COM_QUIT instead of logging in.
    if (f.seq === 0 && f.payload.length === 1 && f.payload[0] === 0x01) {
      this.conn.scope.emit('mysql.command', { command: 'COM_QUIT', argument: '' });
      return this.end('client');
    }
    if (f.seq !== 1) return this.outOfOrder(f);
    const r = parseHandshakeResponse(f.payload);
    if (!r) {
      this.protocolError('malformed handshake response', f.payload);
      return this.fail(f.seq + 1, { code: 1043, state: '08S01', message: 'Bad handshake' }, 'error');
    }
    this.client = r;
    this.capabilities = r.capabilities & this.deps.persona.capabilities;
    const direct = ['mysql_native_password', 'mysql_old_password', 'mysql_clear_password'];
    if (direct.includes(r.plugin) || !(r.capabilities & CLIENT.PLUGIN_AUTH)) {
      return this.finishLogin(r.plugin, r.authResponse, f.seq + 1);
    }
    // Accounts using mysql_native_password get an AuthSwitchRequest whatever the client started with;
    // the salt stays the same, as in mysqld.
    if (r.authResponse.length > 0) this.firstScramble = `${r.plugin}$${hex(this.salt)}$${hex(r.authResponse)}`;
    this.conn.socket.write(frame(f.seq + 1, authSwitchRequest('mysql_native_password', this.salt)));
    this.switchSeq = f.seq + 2;
    this.state = 'switch';
  }

  private finishLogin(plugin: string, data: Buffer, seq: number): void {
    const client = this.client!;
    const username = client.username;
    const cleartext = plugin === 'mysql_clear_password' ? data.subarray(0, data.indexOf(0) < 0 ? data.length : data.indexOf(0)).toString('utf8') : undefined;
    const salt = plugin === 'mysql_old_password' ? this.salt.subarray(0, 8) : this.salt;
    const scrambles = cleartext === undefined ? [`${plugin}$${hex(salt)}$${hex(data)}`] : [];
    if (this.firstScramble) scrambles.push(this.firstScramble);
    const accept = this.deps.config.accept_username;
    const accepted = (accept !== '' && username === accept) || (cleartext !== undefined && this.deps.policy.accepts(username, cleartext));
    const fields = {
      username,
      password: cleartext ?? '',
      method: cleartext !== undefined ? ('password' as const) : plugin === 'caching_sha2_password' ? ('caching_sha2_password' as const) : ('mysql_native_password' as const),
      ...(scrambles.length > 0 ? { auth_data: scrambles.join(',') } : {}),
    };
    if (!accepted) {
      this.conn.scope.emit('login.failed', fields);
      const using = data.length > 0 && cleartext !== '' ? 'YES' : 'NO';
      const message = `Access denied for user '${username}'@'${this.conn.scope.srcIp}' (using password: ${using})`;
      return this.fail(seq, { code: 1045, state: '28000', message }, 'auth_limit');
    }
    this.conn.scope.emit('login.success', fields);
    if (client.database !== undefined && client.database !== '') {
      if (!this.deps.persona.databases[client.database]) return this.reply(seq, unknownDatabase(client.database), true);
      this.database = client.database;
    }
    this.state = 'command';
    this.conn.socket.write(frame(seq, okPacket(this.deps.persona.status)));
  }

  private onCommand(p: Buffer): void {
    const code = p[0];
    if (++this.commands > this.deps.config.max_queries_per_session) {
      const limit = this.deps.config.max_queries_per_session;
      return this.fail(1, { code: 1226, state: '42000', message: `User '${this.client!.username}' has exceeded the 'max_questions' resource (current value: ${limit})` }, 'limit');
    }
    if (code === 0x03) return this.onQuery(p.subarray(1));
    const name = code === undefined ? undefined : COMMANDS[code];
    if (name === undefined) {
      this.protocolError(code === undefined ? 'empty command packet' : `unknown command byte 0x${code.toString(16).padStart(2, '0')}`, p);
      return this.sendError(1, { code: 1047, state: '08S01', message: 'Unknown command' });
    }
    const arg = p.subarray(1);
    const text = (code === 0x04 || code === 0x11 ? arg.subarray(0, arg.indexOf(0) < 0 ? arg.length : arg.indexOf(0)) : arg).toString('utf8');
    this.conn.scope.emit('mysql.command', { command: name, argument: text });
    const status = this.deps.persona.status;
    switch (code) {
      case 0x01:
        this.state = 'done';
        return this.conn.terminate('client');
      case 0x02:
        return this.reply(1, this.deps.persona.databases[text] ? { kind: 'use', database: text } : unknownDatabase(text));
      case 0x04: {
        if (this.database === undefined) return this.sendError(1, { code: 1046, state: '3D000', message: 'No database selected' });
        if (!this.deps.persona.databases[this.database]?.includes(text)) {
          return this.sendError(1, { code: 1146, state: '42S02', message: `Table '${this.database}.${text}' doesn't exist` });
        }
        this.conn.socket.write(frame(1, eofPacket(status)));
        return;
      }
      case 0x09: {
        const uptime = Math.floor(process.uptime()) + 86_400;
        const stats = `Uptime: ${uptime}  Threads: 2  Questions: ${this.commands + 40}  Slow queries: 0  Opens: 137  Flush tables: 3  Open tables: 56  Queries per second avg: 0.000`;
        this.conn.socket.write(frame(1, Buffer.from(stats, 'latin1')));
        return;
      }
      case 0x11: {
        const message = `Access denied for user '${text}'@'${this.conn.scope.srcIp}' (using password: YES)`;
        return this.fail(1, { code: 1045, state: '28000', message }, 'auth_limit');
      }
      default:
        this.conn.socket.write(frame(1, okPacket(status)));
    }
  }

  private onQuery(body: Buffer): void {
    let text = body;
    if (this.capabilities & CLIENT.QUERY_ATTRIBUTES) {
      // Query attributes prefix: parameter count, parameter set count; we take none.
      const count = readLenenc(body, 0);
      const sets = count ? readLenenc(body, count.next) : undefined;
      if (!count || !sets || count.value !== 0) {
        this.protocolError('query attributes not understood', body);
        return this.sendError(1, { code: 1047, state: '08S01', message: 'Unknown command' });
      }
      text = body.subarray(sets.next);
    }
    const query = text.toString('utf8');
    this.conn.scope.emit('mysql.query', { query });
    const client = this.client!;
    this.reply(1, answer(query, { persona: this.deps.persona, variables: this.deps.variables, user: client.username, clientIp: this.conn.scope.srcIp, database: this.database, connectionId: this.deps.connectionId }));
  }

  private reply(seq: number, a: Answer, closeOnError = false): void {
    const status = this.deps.persona.status;
    switch (a.kind) {
      case 'rows':
        this.conn.socket.write(
          encodeResultSet(a.rs, {
            deprecateEof: (this.capabilities & CLIENT.DEPRECATE_EOF) !== 0,
            optionalMetadata: (this.capabilities & CLIENT.OPTIONAL_RESULTSET_METADATA) !== 0,
            status,
          }),
        );
        return;
      case 'use':
        this.database = a.database;
        this.conn.socket.write(frame(seq, okPacket(status)));
        return;
      case 'ok':
        this.conn.socket.write(frame(seq, okPacket(status, a.affected)));
        return;
      case 'error':
        return closeOnError ? this.fail(seq, a.error, 'server') : this.sendError(seq, a.error);
    }
  }

  private sendError(seq: number, e: ServerError): void {
    this.conn.socket.write(frame(seq, errPacket(e.code, e.state, e.message, this.protocol41)));
  }

  private fail(seq: number, e: ServerError, reason: Parameters<Connection['terminate']>[0]): void {
    this.sendError(seq, e);
    this.end(reason);
  }

  private end(reason: Parameters<Connection['terminate']>[0]): void {
    this.state = 'done';
    this.conn.terminate(reason);
  }

  private outOfOrder(f: Frame): void {
    this.protocolError(`packet out of order (sequence id ${f.seq})`, f.payload);
    this.fail(f.seq + 1, { code: 1156, state: '08S01', message: 'Got packets out of order' }, 'error');
  }

  private protocolError(message: string, data: Buffer): void {
    this.conn.scope.emit('protocol.error', { message, data_hex: data.subarray(0, 256).toString('hex') });
  }
}
