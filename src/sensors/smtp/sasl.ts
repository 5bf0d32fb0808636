// The SMTP AUTH PLAIN and LOGIN exchanges (RFC 4616, draft-murchison-sasl-login): decoding and steps; nothing is verified here.

/** Strict base64 as SASL requires it; undefined when the text is not base64. "=" alone is an empty response. */
export function decodeSaslBase64(text: string): Buffer | undefined {
  if (text === '=') return Buffer.alloc(0);
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  return Buffer.from(text, 'base64');
}

export interface PlainCredentials {
  authzid: string;
  username: string;
  password: string;
  /** The message had the three NUL-separated parts RFC 4616 requires. */
  wellFormed: boolean;
}

/** authzid NUL authcid NUL passwd; anything else is kept whole as the username so it is still recorded. */
export function parsePlain(raw: Buffer): PlainCredentials {
  const parts = raw.toString('utf8').split('\0');
  if (parts.length !== 3) return { authzid: '', username: parts.join('\0'), password: '', wellFormed: false };
  return { authzid: parts[0]!, username: parts[1]!, password: parts[2]!, wellFormed: true };
}

/** Where an AUTH exchange stands: PLAIN needs one response, LOGIN a username and then a password. */
export type SaslStep = { mech: 'PLAIN' } | { mech: 'LOGIN'; username?: string };

export type SaslOutcome =
  | { kind: 'aborted' }
  | { kind: 'not_base64' }
  | { kind: 'more'; step: SaslStep }
  | { kind: 'credentials'; method: 'smtp-plain' | 'smtp-login'; username: string; password: string; authzid?: string; malformed?: Buffer };

/** One client response (the initial response or an answer to a 334 challenge): "*" cancels (RFC 4954). */
export function saslStep(step: SaslStep, text: string): SaslOutcome {
  if (text === '*') return { kind: 'aborted' };
  const decoded = decodeSaslBase64(text);
  if (!decoded) return { kind: 'not_base64' };
  if (step.mech === 'LOGIN') {
    const value = decoded.toString('utf8');
    if (step.username === undefined) return { kind: 'more', step: { mech: 'LOGIN', username: value } };
    return { kind: 'credentials', method: 'smtp-login', username: step.username, password: value };
  }
  const plain = parsePlain(decoded);
  return {
    kind: 'credentials',
    method: 'smtp-plain',
    username: plain.username,
    password: plain.password,
    ...(plain.authzid === '' ? {} : { authzid: plain.authzid }),
    ...(plain.wellFormed ? {} : { malformed: decoded }),
  };
}
