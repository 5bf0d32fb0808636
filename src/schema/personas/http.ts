// Schemas of the HTTP persona data: a web server's headers, error pages and default page, and the web apps it hosts.
import { z } from 'zod';

const headerList = z.array(z.string().min(1)).min(1);

export const HttpServerPersonaSchema = z.strictObject({
  name: z.string(),
  /** The Server header value. */
  server: z.string().min(1),
  /** Header order per kind of response; headers not listed go last, in the order set. */
  header_order: z.strictObject({ static: headerList, dynamic: headerList, error: headerList }),
  /** Value of the Connection header on a kept-alive connection ("Keep-Alive" for Apache, "keep-alive" for nginx). */
  connection_keep_alive: z.string(),
  /** Keep-Alive header; {max} is the requests left on the connection. Empty: none is sent. */
  keep_alive_header: z.string(),
  keep_alive_timeout_s: z.number().int().min(1).max(600),
  keep_alive_max: z.number().int().min(1).max(100_000),
  /** ETag style: Apache "<size hex>-<mtime usec hex>", nginx "<mtime hex>-<size hex>". */
  etag: z.enum(['apache', 'nginx']),
  /** Whether static responses carry "Vary: Accept-Encoding" (Apache with mod_deflate). */
  vary_static: z.boolean(),
  error_content_type: z.string(),
  /** Status lines' reason phrases where the server differs from RFC 9110's (nginx: 302 Moved Temporarily). */
  reason_phrases: z.record(z.string().regex(/^\d{3}$/), z.string()),
  /** Error page bodies by status; {server} {host} {port} {method} are filled in. */
  error_pages: z.record(z.string().regex(/^\d{3}$/), z.string()),
  /** The 400 page for plain HTTP sent to the HTTPS port; same placeholders as error_pages. */
  plain_http_on_tls_page: z.string(),
  index: z.strictObject({ content_type: z.string(), body: z.string() }),
  /** Last-Modified of every static file (the day the site was "deployed"). */
  files_mtime: z.iso.datetime(),
});
export type HttpServerPersona = z.infer<typeof HttpServerPersonaSchema>;

/** Web app pages as templates; {placeholders} are filled per request or per instance. */
export const WebAppsPersonaSchema = z.strictObject({
  wp_login_form: z.string(),
  wp_login_error: z.string(),
  xmlrpc_get: z.string(),
  xmlrpc_fault: z.string(),
  pma_login: z.string(),
  pma_error: z.string(),
  pma_home: z.string(),
  admin_login: z.string(),
  admin_error: z.string(),
  admin_home: z.string(),
  tomcat_401: z.string(),
  tomcat_manager: z.string(),
  upload_form: z.string(),
  upload_done: z.string(),
  product_page: z.string(),
  env_file: z.string(),
  git_config: z.string(),
  phpinfo: z.string(),
  backup_sql: z.string(),
});
export type WebAppsPersona = z.infer<typeof WebAppsPersonaSchema>;
