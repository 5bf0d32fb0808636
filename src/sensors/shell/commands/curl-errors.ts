// curl's error lines and exit codes for a fetch that never delivered a body; fetching off (or refused by
// the sensor's policy) reads as a refused connection.
import type { FetchOutcome } from '../../downloads/types.js';
import { defaultPort, hostOf } from './download-support.js';

const TLS_ERRORS = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/;

/** A believable round trip for a refusal that never happened on the wire. */
function pretendMs(host: string): number {
  let h = 0;
  for (const ch of host) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return 20 + (h % 180);
}

export function curlFailure(url: URL, fetched: FetchOutcome | undefined, ms: number | undefined): { text: string; status: number } {
  const last = fetched?.hops.at(-1);
  const host = last?.host ?? hostOf(url);
  const port = last?.port ?? defaultPort(url);
  const refused = (): { text: string; status: number } => ({ text: `curl: (7) Failed to connect to ${host} port ${port} after ${ms ?? pretendMs(host)} ms: Couldn't connect to server\n`, status: 7 });
  if (!fetched || fetched.ok) return refused();
  switch (fetched.reason) {
    case 'unresolved':
      return { text: `curl: (6) Could not resolve host: ${host}\n`, status: 6 };
    case 'timeout':
      return fetched.afterConnect
        ? { text: `curl: (28) Operation timed out after ${ms ?? 0} milliseconds with 0 bytes received\n`, status: 28 }
        : { text: `curl: (28) Failed to connect to ${host} port ${port} after ${ms ?? 0} ms: Connection timed out\n`, status: 28 };
    case 'http_error':
      return { text: 'curl: (47) Maximum (50) redirects followed\n', status: 47 };
    case 'connect_failed':
      if (TLS_ERRORS.test(fetched.detail ?? ''))
        return {
          text: 'curl: (60) SSL certificate problem: self-signed certificate\nMore details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the web page mentioned above.\n',
          status: 60,
        };
      if (fetched.afterConnect) return { text: 'curl: (56) Recv failure: Connection reset by peer\n', status: 56 };
      return refused();
    default:
      return refused();
  }
}
