// What sshd writes to a client whose first line is not an SSH-2.0 identification before it drops it: OpenSSH's
// send_error() text, CRLF-terminated ("Invalid SSH identification string.", "Protocol major versions differ.").

/** sshd reads an identification line of at most this many bytes. */
const MAX_LINE = 8192;

export class IdentGuard {
  private buf = '';
  private decided = false;

  /** Feed the client's bytes; returns the refusal text once, when the first line is complete and not acceptable. */
  feed(chunk: Buffer): string | undefined {
    if (this.decided) return undefined;
    this.buf += chunk.subarray(0, MAX_LINE).toString('latin1');
    const nl = this.buf.indexOf('\n');
    if (nl === -1 && this.buf.length < MAX_LINE) return undefined;
    this.decided = true;
    const line = (nl === -1 ? this.buf : this.buf.slice(0, nl)).replace(/\r$/, '');
    this.buf = '';
    return refusal(line);
  }
}

/** OpenSSH 9.2's kex_exchange_identification(): a server allows no lines before the client's identification. */
export function refusal(line: string): string | undefined {
  const m = /^SSH-(\d+)\.(\d+)-[^\r\n]+/.exec(line);
  if (!m) return 'Invalid SSH identification string.\r\n';
  const major = Number(m[1]);
  const minor = Number(m[2]);
  if (major === 2 || (major === 1 && minor === 99)) return undefined;
  return 'Protocol major versions differ.\r\n';
}
