import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCertificate, loadOrCreateTlsIdentity } from './self-signed-cert.js';
import { oid, time, unsignedInteger } from './der.js';

test('DER primitives: multi-byte OID arcs, minimal integers, UTCTime vs GeneralizedTime', () => {
  assert.equal(oid('1.2.840.10045.4.3.2').toString('hex'), '06082a8648ce3d040302');
  assert.equal(unsignedInteger(Buffer.from([0x00, 0x00, 0x80])).toString('hex'), '02020080');
  assert.equal(unsignedInteger(Buffer.from([0, 0])).toString('hex'), '020100');
  assert.equal(time(new Date('2026-01-02T03:04:05Z')).toString('latin1').slice(2), '260102030405Z');
  assert.equal(time(new Date('2051-01-02T03:04:05Z'))[0], 0x18);
});

test('the certificate parses, is self-signed, and names the host in CN and SAN', () => {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const notBefore = new Date('2026-10-01T00:00:00Z');
  const der = buildCertificate(privateKey, 'www.example.net', notBefore, 365, Buffer.from('00ff01', 'hex'));
  const cert = new X509Certificate(der);
  assert.equal(cert.subject, 'CN=www.example.net');
  assert.equal(cert.issuer, 'CN=www.example.net');
  assert.equal(cert.subjectAltName, 'DNS:www.example.net');
  assert.equal(cert.serialNumber.toUpperCase(), 'FF01');
  assert.equal(new Date(cert.validFrom).toISOString(), notBefore.toISOString());
  assert.equal(new Date(cert.validTo).toISOString(), '2027-10-01T00:00:00.000Z');
  assert.ok(cert.verify(cert.publicKey));
  assert.ok(cert.checkPrivateKey(privateKey));
});

test('the identity is created once (key 0600) and reused while the host name stays, with a random serial per instance', () => {
  const a = mkdtempSync(join(tmpdir(), 'pn-cert-'));
  const first = loadOrCreateTlsIdentity(a, 'h.example', 30);
  assert.equal(statSync(join(a, 'https-key.pem')).mode & 0o777, 0o600);
  assert.deepEqual(loadOrCreateTlsIdentity(a, 'h.example', 30), first);
  // A new host name (after `phantomnet init --force`) gets a certificate that names it.
  const renamed = loadOrCreateTlsIdentity(a, 'other.example', 30);
  assert.equal(new X509Certificate(renamed.certPem).subject, 'CN=other.example');
  assert.deepEqual(loadOrCreateTlsIdentity(a, 'other.example', 30), renamed);
  const other = loadOrCreateTlsIdentity(mkdtempSync(join(tmpdir(), 'pn-cert-')), 'h.example', 30);
  assert.notEqual(new X509Certificate(other.certPem).serialNumber, new X509Certificate(first.certPem).serialNumber);
  assert.ok(new X509Certificate(first.certPem).checkPrivateKey(createPrivateKey(first.keyPem)));
});
