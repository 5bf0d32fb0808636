// Option negotiation as the impersonated telnetd does it: the exact opening sequence, RFC 1143-style
// state so acknowledgements are never answered (no negotiation loops), and the point where login starts.
import { DO, DONT, IAC, OPT, WILL, WONT, negotiation } from './iac.js';
import { decodeSuboption, sendRequest, type Suboption } from './suboptions.js';

type OptState = 'no' | 'yes' | 'want';

/** Options netkit in.telnetd lets the client enable (his side) and enables itself (my side). */
const HIS_SUPPORTED = new Set<number>([0, OPT.SGA, OPT.TTYPE, OPT.TSPEED, OPT.XDISPLOC, OPT.NEW_ENVIRON, OPT.NAWS, OPT.LFLOW]);
const MY_SUPPORTED = new Set<number>([0, OPT.ECHO, OPT.SGA, OPT.STATUS]);

/** The four options in.telnetd's getterminaltype() asks about, and in this order their SEND requests. */
const TERMINAL_OPTIONS = [OPT.TTYPE, OPT.TSPEED, OPT.XDISPLOC, OPT.NEW_ENVIRON] as const;
const SEND_ORDER = [OPT.TSPEED, OPT.XDISPLOC, OPT.NEW_ENVIRON, OPT.TTYPE] as const;

export type Daemon = 'netkit' | 'busybox';

export interface NegotiatorEvents {
  write(bytes: Buffer): void;
  /** Negotiation reached the point where the real daemon starts login(1). */
  ready(): void;
  suboption(s: Suboption): void;
}

type Phase = 'terminal' | 'subneg' | 'naws' | 'done';

export class Negotiator {
  private readonly his = new Map<number, OptState>();
  private readonly mine = new Map<number, OptState>();
  private phase: Phase = 'terminal';
  private readonly awaitingSub = new Set<number>();

  constructor(
    private readonly daemon: Daemon,
    private readonly ev: NegotiatorEvents,
  ) {}

  get done(): boolean {
    return this.phase === 'done';
  }

  /** The daemon's first bytes on a new connection. */
  start(): void {
    if (this.daemon === 'busybox') {
      // BusyBox telnetd's fixed iacs_to_send, then login runs at once; it never answers negotiation.
      this.ev.write(Buffer.from([IAC, DO, OPT.ECHO, IAC, DO, OPT.NAWS, IAC, WILL, OPT.ECHO, IAC, WILL, OPT.SGA]));
      this.finish();
      return;
    }
    const out: Buffer[] = [];
    for (const o of TERMINAL_OPTIONS) out.push(this.askHim(o));
    this.ev.write(Buffer.concat(out));
  }

  /** Give up waiting for the client's answers (it does not speak Telnet) and start login anyway. */
  skip(): void {
    if (this.phase === 'done') return;
    if (this.phase === 'terminal' || this.phase === 'subneg') this.phase2();
    if (this.phase === 'naws') this.phase3();
  }

  onNegotiate(verb: number, option: number): void {
    if (this.daemon === 'busybox') {
      if (option === OPT.NAWS) this.his.set(option, verb === WILL ? 'yes' : 'no');
      return;
    }
    const reply = this.step(verb, option);
    if (reply) this.ev.write(reply);
    this.advance();
  }

  onSubneg(option: number, data: Buffer): void {
    const s = decodeSuboption(option, data);
    if (s) this.ev.suboption(s);
    this.awaitingSub.delete(option);
    this.advance();
  }

  private askHim(option: number): Buffer {
    this.his.set(option, 'want');
    return negotiation(DO, option);
  }

  private offerMine(option: number): Buffer {
    this.mine.set(option, 'want');
    return negotiation(WILL, option);
  }

  private step(verb: number, option: number): Buffer | undefined {
    if (verb === WILL || verb === WONT) {
      const st = this.his.get(option) ?? 'no';
      if (verb === WILL) {
        if (st === 'want') this.his.set(option, 'yes');
        else if (st === 'no') {
          if (!HIS_SUPPORTED.has(option)) return negotiation(DONT, option);
          this.his.set(option, 'yes');
          return negotiation(DO, option);
        }
        return undefined;
      }
      this.his.set(option, 'no');
      return st === 'yes' ? negotiation(DONT, option) : undefined;
    }
    const st = this.mine.get(option) ?? 'no';
    if (verb === DO) {
      if (st === 'want') this.mine.set(option, 'yes');
      else if (st === 'no') {
        if (!MY_SUPPORTED.has(option)) return negotiation(WONT, option);
        this.mine.set(option, 'yes');
        return negotiation(WILL, option);
      }
      return undefined;
    }
    this.mine.set(option, 'no');
    return st === 'yes' ? negotiation(WONT, option) : undefined;
  }

  private advance(): void {
    if (this.phase === 'terminal' && TERMINAL_OPTIONS.every((o) => this.his.get(o) !== 'want')) {
      const out: Buffer[] = [];
      for (const o of SEND_ORDER) {
        if (this.his.get(o) === 'yes') {
          out.push(sendRequest(o));
          this.awaitingSub.add(o);
        }
      }
      if (out.length > 0) this.ev.write(Buffer.concat(out));
      this.phase = 'subneg';
    }
    if (this.phase === 'subneg' && this.awaitingSub.size === 0) this.phase2();
    if (this.phase === 'naws' && this.his.get(OPT.NAWS) !== 'want') this.phase3();
  }

  /** telnetd's telnet(): the options it wants answered all at once. */
  private phase2(): void {
    this.awaitingSub.clear();
    this.phase = 'naws';
    const out: Buffer[] = [];
    // An option the client already enabled on its own is not asked again (no reply would come).
    const mine = (o: number): void => void (this.mine.get(o) !== 'yes' && out.push(this.offerMine(o)));
    const his = (o: number): void => void (this.his.get(o) !== 'yes' && out.push(this.askHim(o)));
    mine(OPT.SGA);
    his(OPT.ECHO);
    his(OPT.NAWS);
    mine(OPT.STATUS);
    his(OPT.LFLOW);
    this.ev.write(Buffer.concat(out));
  }

  /** NAWS settled: turn on our echo (the client stops echoing locally) and start login. */
  private phase3(): void {
    if (this.mine.get(OPT.ECHO) !== 'yes') this.ev.write(this.offerMine(OPT.ECHO));
    this.finish();
  }

  private finish(): void {
    this.phase = 'done';
    this.ev.ready();
  }
}
