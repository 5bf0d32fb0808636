// The DATA phase: reads the message up to the lone "." line and undoes dot-stuffing on the way into a MessageCapture.
import type { InputBuffer } from './input-buffer.js';
import { MessageCapture, type CapturedMessage } from './message-capture.js';

export class MessageReader {
  private readonly capture: MessageCapture;
  private atLineStart = true;

  constructor(captureBytes: number) {
    this.capture = new MessageCapture(captureBytes);
  }

  /** What arrived so far, when the connection ends in the middle of the message. */
  unfinished(): CapturedMessage {
    return this.capture.finish();
  }

  /** Consume what `input` holds; returns the message once its end line was read (the rest stays in `input`). */
  read(input: InputBuffer): CapturedMessage | undefined {
    for (;;) {
      const buf = input.peek();
      if (buf.length === 0) return undefined;
      let start = 0;
      if (this.atLineStart && buf[0] === 0x2e) {
        // "." then LF or CRLF ends the message; any other "." at a line start is stuffing (Postfix drops it).
        if (buf.length < 2 || (buf[1] === 0x0d && buf.length < 3)) return undefined;
        if (buf[1] === 0x0a) {
          input.consume(2);
          return this.capture.finish();
        }
        if (buf[1] === 0x0d && buf[2] === 0x0a) {
          input.consume(3);
          return this.capture.finish();
        }
        start = 1;
      }
      const lf = buf.indexOf(0x0a, start);
      const end = lf < 0 ? buf.length : lf + 1;
      this.capture.add(buf.subarray(start, end));
      input.consume(end);
      this.atLineStart = lf >= 0;
    }
  }
}
