// Configuration of the HTTP and HTTPS sensors (HTTPS serves the same web persona over TLS).
import { z } from 'zod';
import { port, sensorCommon } from '../sensor-config-base.js';

export const HttpConfigSchema = z.strictObject({
  ...sensorCommon,
  port: port.default(8080),
  /** Persona file name under personas/http (without .yaml). */
  persona: z.string().regex(/^[a-z0-9._-]+$/).default('apache-2.4.62-debian'),
  /** Host name the site claims (honeytokens, certificate CN and SAN); unset: the instance's host.domain. */
  server_name: z.string().regex(/^[a-z0-9.-]{1,253}$/, 'a lowercase DNS name').optional(),
  /** Largest request line plus headers in bytes (node:http maxHeaderSize); more is answered 400. */
  max_header_bytes: z.number().int().min(1024).max(1_048_576).default(16_384),
  /** Most header fields in one request (Apache LimitRequestFields); more is answered 400. */
  max_headers: z.number().int().min(1).max(1000).default(100),
  /** Request body bytes kept in the event (KiB); the rest is counted and dropped. */
  max_body_kib: z.number().int().min(1).max(65_536).default(64),
  /** Largest upload stored as an artifact (KiB); a bigger one is stored truncated. Held in memory until the body ends. */
  max_upload_kib: z.number().int().min(1).max(65_536).default(1024),
  /** MySQL port the honeytoken database credentials point at (the MySQL sensor's). */
  honeytoken_mysql_port: port.default(3306),
});

/** HTTPS: the http section's persona and request limits, its own address, port and connection limits. */
export const HttpsConfigSchema = z.strictObject({
  ...sensorCommon,
  port: port.default(8443),
  /** Validity of the per-instance self-signed certificate generated at first start. */
  cert_days: z.number().int().min(1).max(3650).default(365),
});
