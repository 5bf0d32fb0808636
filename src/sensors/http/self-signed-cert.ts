// The HTTPS certificate: an EC P-256 key and a self-signed X.509 v3 certificate for the host name,
// generated once per instance with node:crypto and our DER writer, kept under <dataDir>/keys.
import { X509Certificate, createPrivateKey, generateKeyPairSync, randomBytes, sign, createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as der from './der.js';

export interface TlsIdentity {
  keyPem: string;
  certPem: string;
}

const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
const COMMON_NAME = '2.5.4.3';
const SUBJECT_ALT_NAME = '2.5.29.17';
const BASIC_CONSTRAINTS = '2.5.29.19';

function pem(label: string, body: Buffer): string {
  const b64 = body.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

/** DER of a self-signed certificate for `hostname`, valid from `notBefore` for `days` days. */
export function buildCertificate(key: KeyObject, hostname: string, notBefore: Date, days: number, serial: Buffer): Buffer {
  const algorithm = der.sequence(der.oid(ECDSA_WITH_SHA256));
  const name = der.sequence(der.set(der.sequence(der.oid(COMMON_NAME), der.utf8String(hostname))));
  const notAfter = new Date(notBefore.getTime() + days * 86_400_000);
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  const extensions = der.explicit(
    3,
    der.sequence(
      der.sequence(der.oid(SUBJECT_ALT_NAME), der.octetString(der.sequence(der.implicitPrimitive(2, Buffer.from(hostname, 'ascii'))))),
      der.sequence(der.oid(BASIC_CONSTRAINTS), der.octetString(der.sequence())),
    ),
  );
  const tbs = der.sequence(
    der.explicit(0, der.smallInteger(2)),
    der.unsignedInteger(serial),
    algorithm,
    name,
    der.sequence(der.time(notBefore), der.time(notAfter)),
    name,
    spki,
    extensions,
  );
  const signature = sign('sha256', tbs, { key, dsaEncoding: 'der' });
  return der.sequence(tbs, algorithm, der.bitString(signature));
}

/** Load the instance's key and certificate, creating both at first start. */
export function loadOrCreateTlsIdentity(dir: string, hostname: string, days: number, now = new Date()): TlsIdentity {
  const keyPath = join(dir, 'https-key.pem');
  const certPath = join(dir, 'https-cert.pem');
  if (existsSync(keyPath) && existsSync(certPath)) {
    const kept = { keyPem: readFileSync(keyPath, 'utf8'), certPem: readFileSync(certPath, 'utf8') };
    // A certificate naming another host would contradict the server it is served by: issue a new one.
    if (certNames(kept.certPem, hostname)) return kept;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  // Issued some days ago, like a certificate made when the server was set up.
  const notBefore = new Date(now.getTime() - (20 + randomBytes(1)[0]! % 60) * 86_400_000);
  notBefore.setUTCMilliseconds(0);
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f;
  const certPem = pem('CERTIFICATE', buildCertificate(createPrivateKey(keyPem), hostname, notBefore, days, serial));
  writeFileSync(keyPath, keyPem, { mode: 0o600 });
  writeFileSync(certPath, certPem, { mode: 0o644 });
  return { keyPem, certPem };
}

/** The certificate's subject CN is `hostname` (unreadable certificates count as not naming it). */
function certNames(certPem: string, hostname: string): boolean {
  try {
    return new X509Certificate(certPem).subject.split('\n').includes(`CN=${hostname}`);
  } catch {
    return false;
  }
}
