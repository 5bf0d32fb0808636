// The downloads capability a shell session gets: whether fetching is on, and a guarded fetch whose outcome
// carries every step (resolve, connect, status, redirect) so wget and curl can print what the real tools print.
import type { EventFields } from '../../schema/events.js';

export type DownloadFailureReason = EventFields<'session.file_download.failed'>['reason'];

export interface FetchRequest {
  /** Absolute URL; the command has already added a default scheme where its real tool would. */
  url: string;
  /** Request headers after Host, in the order the real tool sends them (User-Agent first). */
  headers: readonly (readonly [string, string])[];
  /** Follow 3xx Location (wget, busybox wget, curl -L); the sensor caps the hops. */
  followRedirects: boolean;
  /** Accept any TLS certificate (wget --no-check-certificate, curl -k). */
  insecure: boolean;
}

/** One request of a fetch: where it went and what came back. */
export interface FetchHop {
  url: string;
  /** Host as the URL names it (no brackets); port as used. */
  host: string;
  port: number;
  /** The URL's host was an address literal: no name was resolved. */
  literal: boolean;
  /** What DNS returned (or the literal), in the order tried. */
  addresses: string[];
  /** The address connected to, once connected. */
  connectedTo?: string;
  status?: number;
  statusText?: string;
  /** A redirect's Location, as sent. */
  location?: string;
}

export type FetchOutcome =
  | {
      ok: true;
      hops: FetchHop[];
      status: number;
      statusText: string;
      contentType?: string;
      /** Content-Length as announced; undefined when the server did not say. */
      contentLength?: number;
      body: Buffer;
      /** The body reached the size cap and was cut. */
      truncated: boolean;
    }
  | {
      ok: false;
      hops: FetchHop[];
      reason: DownloadFailureReason;
      /** connect_failed / timeout: the errno name (ECONNREFUSED, ETIMEDOUT ...); http_error: "redirects". */
      detail?: string;
      /** The failure came after the connection was made (a read error, not a refused connect). */
      afterConnect?: boolean;
    };

export interface Downloads {
  /** The operator enabled fetching; false: no outbound connection is made and only the URL is recorded. */
  readonly enabled: boolean;
  fetch(req: FetchRequest): Promise<FetchOutcome>;
}
