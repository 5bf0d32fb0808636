// An exec request for the remote end of legacy scp (`scp -t` / `scp -f`) runs here instead of the shell,
// over the same file system the source's shells and SFTP sessions see.
import type { ServerChannel } from 'ssh2';
import { parseScpCommand, type ScpCommand } from './scp-command.js';
import { ScpSink } from './scp-sink.js';
import { runSource } from './scp-source.js';
import { transferFs, type TransferDeps } from './sftp/transfer.js';
import { UploadRecorder } from './sftp/upload-recorder.js';

/** Bytes from the client held while the source waits for acks; a client that floods past it is cut off. */
const MAX_QUEUED = 64 * 1024;

/** Runs the exec line as scp when it is one; false leaves it to the shell. */
export function runScpIfAsked(stream: ServerChannel, line: string, deps: TransferDeps): boolean {
  const cmd = parseScpCommand(line);
  if (!cmd) return false;
  runScp(stream, cmd, deps);
  return true;
}

function runScp(stream: ServerChannel, cmd: ScpCommand, deps: TransferDeps): void {
  const fs = transferFs(deps);
  const send = (data: Buffer): void => {
    if (stream.writable) stream.write(data);
  };
  let exited = false;
  const exit = (status: number): void => {
    if (exited) return;
    exited = true;
    stream.exit(status);
    stream.end();
  };
  stream.on('error', () => {});
  if (cmd.mode === 'sink') {
    if (cmd.paths.length !== 1) {
      send(Buffer.from('\x01scp: ambiguous target\n'));
      return exit(1);
    }
    const recorder = new UploadRecorder({ emit: (id, f) => deps.scope.emit(id, f), saveArtifact: (d) => deps.services.artifacts.save(d) });
    const sink = new ScpSink({ fs, home: deps.user.home, recorder, send, exit }, cmd, cmd.paths[0] as string);
    stream.on('data', (chunk: Buffer) => {
      deps.onActivity();
      if (!exited) sink.push(chunk);
    });
    stream.on('end', () => sink.end());
    stream.on('close', () => sink.end());
    return;
  }
  const reader = new ByteQueue(() => exit(1));
  stream.on('data', (chunk: Buffer) => {
    deps.onActivity();
    reader.push(chunk);
  });
  stream.on('end', () => reader.close());
  stream.on('close', () => reader.close());
  void runSource({ fs, home: deps.user.home, send, readByte: () => reader.next() }, cmd, cmd.paths).then(exit, () => exit(1));
}

/** The client's bytes, read one at a time by the source's awaits. */
class ByteQueue {
  private chunks: Buffer[] = [];
  private queued = 0;
  private offset = 0;
  private closed = false;
  private waiter: ((b: number | undefined) => void) | undefined;

  constructor(private readonly overflow: () => void) {}

  push(chunk: Buffer): void {
    if (this.closed) return;
    if (this.waiter && chunk.length > 0) {
      const w = this.waiter;
      this.waiter = undefined;
      this.chunks.push(chunk);
      this.queued += chunk.length;
      w(this.take());
      return;
    }
    this.chunks.push(chunk);
    this.queued += chunk.length;
    if (this.queued > MAX_QUEUED) {
      this.close();
      this.overflow();
    }
  }

  close(): void {
    this.closed = true;
    const w = this.waiter;
    this.waiter = undefined;
    w?.(this.queued > 0 ? this.take() : undefined);
  }

  next(): Promise<number | undefined> {
    if (this.queued > 0) return Promise.resolve(this.take());
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => (this.waiter = resolve));
  }

  private take(): number {
    const c = this.chunks[0] as Buffer;
    const b = c[this.offset++] as number;
    this.queued--;
    if (this.offset >= c.length) {
      this.chunks.shift();
      this.offset = 0;
    }
    return b;
  }
}
