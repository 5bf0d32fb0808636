// Configuration of the Telnet sensor.
import { z } from 'zod';
import { port, seconds, sensorCommon } from '../sensor-config-base.js';

export const TelnetConfigSchema = z.strictObject({
  ...sensorCommon,
  port: port.default(2323),
  /** Persona file name under personas/telnet (without .yaml). */
  persona: z.string().regex(/^[a-z0-9._-]+$/).default('netkit-telnetd-debian-12'),
  /** Host name shown in the login prompt and the shell prompt; unset: the instance identity's (instance.json). */
  hostname: z.string().regex(/^[a-z0-9-]{1,63}$/, 'a lowercase host name label').optional(),
  /** Failed logins before the connection is closed (login.defs LOGIN_RETRIES). */
  max_auth_tries: z.number().int().min(1).max(100).default(5),
  /** Time to log in before the connection is closed (login.defs LOGIN_TIMEOUT). */
  login_timeout_s: seconds(60, 3600),
  /** Pause before "Login incorrect" (Debian's pam_faildelay, BusyBox's LOGIN_FAIL_DELAY). */
  login_fail_delay_ms: z.number().int().min(0).max(60_000).default(3000),
});
