// The Telnet persona: which telnetd's option negotiation to replay, the login(1) texts, and the shell look.
import { z } from 'zod';
import { OsPersonaSchema } from '../persona.js';

export const TelnetPersonaSchema = z.strictObject({
  name: z.string(),
  /** netkit: Debian's in.telnetd (DO TTYPE/TSPEED/XDISPLOC/NEW-ENVIRON first); busybox: BusyBox telnetd. */
  daemon: z.enum(['netkit', 'busybox']),
  /** Printed before the first login prompt (/etc/issue.net); "\n" becomes CRLF on the wire. */
  issue: z.string(),
  /** {hostname} is replaced by the configured host name. */
  login_prompt: z.string(),
  password_prompt: z.string(),
  /** Printed after a refused password, before the next login prompt. */
  login_incorrect: z.string(),
  /** Printed when the login timeout expires; {seconds} is replaced. */
  login_timeout: z.string(),
  /** Fixed shell prompt (BusyBox ash's PS1); without it the shell's own bash prompt is used. */
  prompt: z.string().optional(),
  /** Mirai-style shell escapes (enable, system, shell, sh) and `busybox <applet>` as a BusyBox device answers. */
  busybox: z
    .strictObject({
      /** The first line of `busybox` with no arguments. */
      banner: z.string(),
    })
    .optional(),
  os: OsPersonaSchema,
});

export type TelnetPersona = z.infer<typeof TelnetPersonaSchema>;
