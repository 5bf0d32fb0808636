// Configuration of the FTP sensor.
import { z } from 'zod';
import { port, seconds, sensorCommon } from '../sensor-config-base.js';

export const FtpConfigSchema = z.strictObject({
  ...sensorCommon,
  port: port.default(2121),
  /** Persona file name under personas/ftp (without .yaml). */
  persona: z.string().regex(/^[a-z0-9._-]+$/).default('vsftpd-3.0.3-debian'),
  /** vsftpd anonymous_enable: accept "anonymous"/"ftp" with any password; off as in Debian's vsftpd.conf. */
  anonymous_enable: z.boolean().default(false),
  /** vsftpd max_login_fails: failed logins before the connection is dropped. */
  max_login_fails: z.number().int().min(1).max(100).default(3),
  /** vsftpd delay_failed_login, in milliseconds: the pause before "530 Login incorrect.". */
  delay_failed_login_ms: z.number().int().min(0).max(10_000).default(1000),
  /** Command lines one session may send; the connection is closed after that. */
  max_commands: z.number().int().min(1).max(1_000_000).default(10_000),
  /** Bytes kept of one upload; the rest is read and dropped, and the upload is recorded as truncated. */
  max_upload_bytes: z.number().int().min(0).max(1024 * 1024 * 1024).default(10 * 1024 * 1024),
  /** vsftpd pasv_address: the IPv4 address PASV announces (the public one behind NAT); empty means the control connection's local address. */
  pasv_address: z.string().regex(/^$|^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/, 'an IPv4 address, or empty').default(''),
  /** vsftpd pasv_min_port/pasv_max_port: the range passive data ports come from (open it in the firewall); 0 and 0 mean any free port. */
  pasv_min_port: port.default(0),
  pasv_max_port: port.default(0),
  /** How long a PASV/EPSV listener waits for the client, or a PORT/EPRT connect may take (vsftpd accept_timeout). */
  data_timeout_s: seconds(60, 3600),
});

export type FtpConfig = z.infer<typeof FtpConfigSchema>;
