import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SeededRng } from '../../core/rng.js';
import { pamFailDelayMs, refusalDelayMs, userDelayMs } from './fail-delay.js';

test('PAM varies its fail delay between half and 1.5 times the base, centred on it', () => {
  const rng = new SeededRng(7);
  const draws = Array.from({ length: 2000 }, () => pamFailDelayMs(2000, rng));
  assert.ok(draws.every((d) => d >= 1000 && d < 3000));
  const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
  assert.ok(Math.abs(mean - 2000) < 60, String(mean));
  assert.equal(pamFailDelayMs(0, rng), 0);
});

test('sshd answers after its per-user delay doubled past the time PAM spent, as measured on 9.2p1', () => {
  const d = userDelayMs('host', 'root');
  assert.ok(d >= 5 && d < 9.3, String(d));
  assert.equal(userDelayMs('host', 'root'), d, 'stable per host and user');
  assert.notEqual(userDelayMs('other-host', 'root'), d);
  assert.equal(refusalDelayMs('host', 'root', 0), d);
  const r = refusalDelayMs('host', 'root', 1500);
  const k = Math.log2(r / d);
  assert.ok(Number.isInteger(Math.round(k)) && Math.abs(k - Math.round(k)) < 1e-9 && r >= 1500 && r / 2 < 1500, String(r));
});
