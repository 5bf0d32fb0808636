import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AddressPolicy, isReservedAddress } from './address-guard.js';
import { cidrContains, parseCidr } from './cidr.js';
import { parseIp } from './ip-address.js';

const reserved = (a: string): boolean => {
  const ip = parseIp(a);
  assert.ok(ip, `parses ${a}`);
  return isReservedAddress(ip);
};

test('IPv4 special-purpose ranges are refused, at their edges too', () => {
  for (const a of [
    '0.0.0.0', '0.255.255.255', '10.0.0.1', '10.255.255.255', '100.64.0.1', '100.127.255.255', '127.0.0.1', '127.255.255.254',
    '169.254.169.254', '172.16.0.1', '172.31.255.255', '192.0.0.8', '192.0.2.1', '192.88.99.1', '192.168.1.1', '198.18.0.1',
    '198.19.255.255', '198.51.100.7', '203.0.113.9', '224.0.0.1', '239.255.255.250', '240.0.0.1', '255.255.255.255',
  ]) assert.equal(reserved(a), true, a);
  for (const a of ['1.1.1.1', '8.8.8.8', '9.255.255.255', '11.0.0.0', '100.63.255.255', '100.128.0.0', '172.15.255.255', '172.32.0.0', '192.167.255.255', '192.169.0.0', '198.17.255.255', '198.20.0.0', '223.255.255.255', '45.33.32.156'])
    assert.equal(reserved(a), false, a);
});

test('IPv6: only global unicast outside the documentation, 6to4 and IETF blocks is public', () => {
  for (const a of ['::', '::1', 'fe80::1', 'fe80::1%eth0', 'fc00::1', 'fd12:3456::1', 'ff02::1', 'fec0::1', '2001:db8::1', '2002:7f00:1::1', '2001::1', '64:ff9b::7f00:1', '100::1', '3fff::1', '::7f00:1'])
    assert.equal(reserved(a), true, a);
  for (const a of ['2606:4700:4700::1111', '2a00:1450:4001:82b::200e', '2001:4860:4860::8888']) assert.equal(reserved(a), false, a);
});

test('IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry, however they are written', () => {
  for (const a of ['::ffff:127.0.0.1', '::ffff:7f00:1', '0:0:0:0:0:ffff:7f00:0001', '::FFFF:10.1.2.3', '[::ffff:169.254.169.254]', '::ffff:192.168.0.1'])
    assert.equal(reserved(a), true, a);
  assert.equal(reserved('::ffff:8.8.8.8'), false);
  assert.equal(reserved('::ffff:0808:0808'), false);
});

test('parseIp accepts only literal addresses', () => {
  for (const a of ['localhost', '127.1', '0x7f.0.0.1', '2130706433', '1.2.3.4.5', '::ffff:999.1.1.1', '1:2:3:4:5:6:7:8:9', '']) assert.equal(parseIp(a), undefined, a);
  assert.deepEqual([...parseIp('1.2.3.4')!], [1, 2, 3, 4]);
  assert.equal(parseIp('2001:db8::1')!.length, 16);
});

test('CIDR parsing and containment', () => {
  assert.equal(parseCidr('10.0.0.0/33'), undefined);
  assert.equal(parseCidr('10.0.0.0/x'), undefined);
  assert.equal(parseCidr('nonsense/8'), undefined);
  const b = parseCidr('192.168.56.0/21')!;
  assert.equal(cidrContains(b, parseIp('192.168.63.255')!), true);
  assert.equal(cidrContains(b, parseIp('192.168.64.0')!), false);
  assert.equal(cidrContains(parseCidr('0.0.0.0/0')!, parseIp('1.2.3.4')!), true);
  assert.equal(cidrContains(parseCidr('fd00::/8')!, parseIp('fd12::1')!), true);
  assert.equal(cidrContains(parseCidr('fd00::/8')!, parseIp('10.0.0.1')!), false);
});

test('AddressPolicy: reserved refused, allow_cidrs opens exactly the listed blocks (mapped forms included)', () => {
  const closed = new AddressPolicy();
  assert.equal(closed.permits('127.0.0.1'), false);
  assert.equal(closed.permits('93.184.216.34'), true);
  assert.equal(closed.permits('not-an-ip'), false);
  const lab = new AddressPolicy(['127.0.0.1/32', 'fd00:1::/64']);
  assert.equal(lab.permits('127.0.0.1'), true);
  assert.equal(lab.permits('::ffff:127.0.0.1'), true);
  assert.equal(lab.permits('127.0.0.2'), false);
  assert.equal(lab.permits('fd00:1::5'), true);
  assert.equal(lab.permits('fd00:2::5'), false);
  assert.throws(() => new AddressPolicy(['10.0.0.0/99']));
});
