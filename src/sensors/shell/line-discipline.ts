// Terminal input for an interactive session: echo, backspace, Ctrl-C, Ctrl-D and a line-length cap,
// turning raw keystrokes into complete command lines the way a tty in canonical mode would.

export type LineEvent = { kind: 'line'; line: string } | { kind: 'interrupt' } | { kind: 'eof' };

/** bash reads arbitrarily long lines; we cap them so one session cannot grow without bound. */
export const MAX_LINE_BYTES = 64 * 1024;

export class LineDiscipline {
  private line = '';
  private lastWasCr = false;
  private inEscape = false;

  /**
   * Feed raw input. `echo` receives what the terminal should show (CRLF line ends); `onEvent` gets each
   * complete line or control action as soon as it is typed, so output interleaves with echo as on a real
   * terminal when input arrives pasted in one chunk. `onEvent` returns false to stop reading (logout); it may
   * be asynchronous, and the rest of the chunk waits for it, so echo of type-ahead follows the command's output.
   */
  async feed(data: string, echo: (text: string) => void, onEvent: (ev: LineEvent) => boolean | Promise<boolean>): Promise<void> {
    const events = { push: (ev: LineEvent): boolean | Promise<boolean> => onEvent(ev) };
    for (const c of data) {
      if (this.inEscape) {
        // Skip the rest of an ANSI escape sequence (arrow keys, bracketed paste markers).
        if (/[A-Za-z~]/.test(c)) this.inEscape = false;
        continue;
      }
      if (c === '\n' && this.lastWasCr) {
        this.lastWasCr = false;
        continue;
      }
      this.lastWasCr = c === '\r';
      if (c === '\r' || c === '\n') {
        echo('\r\n');
        const line = this.line;
        this.line = '';
        if (!(await events.push({ kind: 'line', line }))) return;
      } else if (c === '\x7f' || c === '\b') {
        if (this.line.length > 0) {
          this.line = this.line.slice(0, -1);
          echo('\b \b');
        }
      } else if (c === '\x03') {
        echo('^C\r\n');
        this.line = '';
        if (!(await events.push({ kind: 'interrupt' }))) return;
      } else if (c === '\x04') {
        if (this.line === '' && !(await events.push({ kind: 'eof' }))) return;
      } else if (c === '\x15') {
        echo('\b \b'.repeat(this.line.length));
        this.line = '';
      } else if (c === '\x1b') {
        this.inEscape = true;
      } else if (c === '\t' || c >= ' ') {
        if (this.line.length < MAX_LINE_BYTES) {
          this.line += c;
          echo(c);
        }
      }
    }
  }
}
