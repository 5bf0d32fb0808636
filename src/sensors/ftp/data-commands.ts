// The data-connection half of an FTP session, as vsftpd runs it: PASV/EPSV/PORT/EPRT set up one connection,
// LIST/NLST/RETR/STOR use it once, with vsftpd's 150/226/425/426 replies; every data socket dies with the session.
import type { Socket } from 'node:net';
import { normaliseIp } from '../../core/session-scope.js';
import type { FtpConfig } from '../../schema/config/ftp.js';
import type { Connection } from '../tcp-listener.js';
import { ActiveChannel, PassiveChannel, type DataChannel, type DataOpen } from './data-channel.js';
import type { FakeFs } from './fake-fs.js';
import { fileChunks } from './file-content.js';
import type { FtpDeps } from './ftp-deps.js';
import { parseListArg, renderListing } from './listing.js';
import { allowedTarget, parseEprt, parsePort } from './port-address.js';
import { type ReceiveProgress, receiveAll, sendAll } from './transfer.js';

export class DataCommands {
  /** REST's offset for the next RETR. */
  restOffset = 0;
  /** EPSV ALL was sent: PASV and PORT are refused from now on. */
  epsvAll = false;
  private data: DataChannel | undefined;
  private readonly dataSockets = new Set<Socket>();
  private closed = false;
  private readonly socket: Socket;
  private readonly cfg: FtpConfig;

  constructor(
    private readonly conn: Connection,
    private readonly deps: FtpDeps,
    private readonly reply: (code: number, text: string) => void,
    private readonly treeOf: () => FakeFs,
  ) {
    this.socket = conn.socket;
    this.cfg = deps.config;
  }

  private get tree(): FakeFs {
    return this.treeOf();
  }

  /** Forget the prepared data connection (a new PASV/PORT, or the session ending). */
  dropData(): void {
    this.data?.close();
    this.data = undefined;
  }

  async pasv(extended: boolean, arg: string): Promise<void> {
    const local = normaliseIp(this.socket.localAddress);
    const ipv6 = !/^\d+\.\d+\.\d+\.\d+$/.test(local);
    if (extended && arg !== '') {
      if (arg.toUpperCase() === 'ALL') {
        this.epsvAll = true;
        this.reply(200, 'EPSV ALL ok.');
        return;
      }
      const n = Number.parseInt(arg, 10);
      if (!(n === 1 || (n === 2 && ipv6))) {
        this.reply(522, 'Bad network protocol.');
        return;
      }
    }
    this.dropData();
    if (!extended && ipv6) {
      this.reply(550, 'Permission denied.');
      return;
    }
    const range = { min: this.cfg.pasv_min_port, max: this.cfg.pasv_max_port };
    const channel = await PassiveChannel.listen(this.socket.localAddress ?? local, range, this.conn.scope.srcIp, this.cfg.data_timeout_s * 1000);
    if (!channel || this.closed) {
      channel?.close();
      if (!channel) this.reply(425, 'Failed to establish connection.');
      return;
    }
    this.data = channel;
    const p = channel.port;
    if (extended) this.reply(229, `Entering Extended Passive Mode (|||${p}|)`);
    else this.reply(227, `Entering Passive Mode (${(this.cfg.pasv_address || local).split('.').join(',')},${p >> 8},${p & 0xff}).`);
  }

  port(arg: string): void {
    this.dropData();
    const target = parsePort(arg);
    if (!target || !allowedTarget(target, this.conn.scope.srcIp)) {
      this.reply(500, 'Illegal PORT command.');
      return;
    }
    this.data = new ActiveChannel(target, this.socket.localAddress ?? '', this.cfg.data_timeout_s * 1000);
    this.reply(200, 'PORT command successful. Consider using PASV.');
  }

  eprt(arg: string): void {
    this.dropData();
    const ipv6 = !/^\d+\.\d+\.\d+\.\d+$/.test(normaliseIp(this.socket.localAddress));
    const r = parseEprt(arg, ipv6);
    if (!r.ok) {
      this.reply(500, r.reason === 'protocol' ? 'Bad EPRT protocol.' : 'Bad EPRT command.');
      return;
    }
    if (!allowedTarget(r.target, this.conn.scope.srcIp)) {
      this.reply(500, 'Illegal EPRT command.');
      return;
    }
    this.data = new ActiveChannel(r.target, this.socket.localAddress ?? '', this.cfg.data_timeout_s * 1000);
    this.reply(200, 'EPRT command successful. Consider using EPSV.');
  }

  /** Take the prepared data connection and wait for its socket; replies 425 when there is none. */
  private async openData(): Promise<Socket | undefined> {
    const channel = this.data;
    this.data = undefined;
    if (!channel) {
      this.reply(425, 'Use PORT or PASV first.');
      return undefined;
    }
    const r: DataOpen = await channel.open();
    channel.close();
    if (!r.ok) {
      this.reply(425, r.reason === 'bad_ip' ? 'Security: Bad IP connecting.' : 'Failed to establish connection.');
      return undefined;
    }
    if (this.closed) {
      r.socket.destroy();
      return undefined;
    }
    this.dataSockets.add(r.socket);
    r.socket.once('close', () => this.dataSockets.delete(r.socket));
    return r.socket;
  }

  private get stallMs(): number {
    return this.cfg.data_timeout_s * 1000;
  }

  async list(arg: string, long: boolean): Promise<void> {
    if (!this.data) {
      this.reply(425, 'Use PORT or PASV first.');
      return;
    }
    const listing = renderListing(this.tree, parseListArg(arg, long), Date.now());
    const s = await this.openData();
    if (!s) return;
    this.reply(150, 'Here comes the directory listing.');
    const ok = await sendAll(s, [Buffer.from(listing, 'utf8')], this.stallMs, () => this.conn.touch());
    if (ok) this.reply(226, 'Directory send OK.');
    else this.reply(426, 'Failure writing network stream.');
  }

  async retr(arg: string): Promise<void> {
    const offset = this.restOffset;
    this.restOffset = 0;
    if (!this.data) {
      this.reply(425, 'Use PORT or PASV first.');
      return;
    }
    const node = this.tree.find(arg);
    if (node?.kind !== 'file') {
      this.dropData();
      this.reply(550, 'Failed to open file.');
      return;
    }
    const s = await this.openData();
    if (!s) return;
    this.reply(150, `Opening BINARY mode data connection for ${arg} (${node.size} bytes).`);
    const ok = await sendAll(s, fileChunks(node, offset), this.stallMs, () => this.conn.touch());
    if (ok) this.reply(226, 'Transfer complete.');
    else this.reply(426, 'Failure writing network stream.');
  }

  async stor(arg: string): Promise<void> {
    this.restOffset = 0;
    if (!this.data) {
      this.reply(425, 'Use PORT or PASV first.');
      return;
    }
    if (!this.tree.canWrite(arg)) {
      this.dropData();
      this.reply(553, 'Could not create file.');
      return;
    }
    const s = await this.openData();
    if (!s) return;
    this.reply(150, 'Ok to send data.');
    let recorded = false;
    const record = (data: Buffer, truncated: boolean): void => {
      if (recorded) return;
      recorded = true;
      const stored = this.deps.artifacts.save(data);
      this.deps.uploads.give(data.length);
      this.conn.scope.emit('session.file_upload', { filename: arg, shasum: stored.shasum, size: data.length, duplicate: stored.duplicate, truncated });
      this.tree.addFile(arg, data.length, stored.path, Date.now());
    };
    // If the session ends mid-transfer (control connection dropped, shutdown), what arrived is still recorded.
    const progress: ReceiveProgress = { parts: [], kept: 0 };
    this.conn.scope.beforeClose(() => record(Buffer.concat(progress.parts, progress.kept), true));
    const got = await receiveAll(s, this.cfg.max_upload_bytes, this.deps.uploads, this.stallMs, () => this.conn.touch(), progress);
    if (recorded) return;
    record(got.data, got.truncated);
    if (got.truncated) this.reply(451, 'Failure writing to local file.');
    else if (got.failed) this.reply(426, 'Failure reading network stream.');
    else this.reply(226, 'Transfer complete.');
  }

  /** Close every data listener and socket; the session is over. */
  release(): void {
    this.closed = true;
    this.dropData();
    for (const s of this.dataSockets) s.destroy();
    this.dataSockets.clear();
  }
}
