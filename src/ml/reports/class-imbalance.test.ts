import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classImbalanceMarkdown, classImbalanceReport } from './class-imbalance.js';

test('balanced data with a good model raises no flag', () => {
  const y = ['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b'];
  const r = classImbalanceReport({ yTrue: y, yPred: y });
  assert.equal(r.ratio, 1);
  assert.equal(r.majorityBaseline, 0.5);
  assert.deepEqual(r.flags, { imbalanced: false, nearMajorityBaseline: false, lowAttackRecall: [], largeRecallGap: false });
  assert.match(classImbalanceMarkdown(r), /No imbalance flags raised/);
});

test('a majority-class guesser on 90/10 data trips every flag', () => {
  // 90 benign, 10 brute; the model finds 2 brute and calls the rest benign.
  const yTrue = [...Array(90).fill('benign'), ...Array(10).fill('brute')] as string[];
  const yPred = [...Array(90).fill('benign'), 'brute', 'brute', ...Array(8).fill('benign')] as string[];
  const r = classImbalanceReport({ yTrue, yPred, negativeLabel: 'benign' });
  assert.equal(r.ratio, 9);
  assert.equal(r.majorityClass, 'benign');
  assert.equal(r.majorityBaseline, 0.9);
  assert.equal(r.accuracy, 0.92);
  assert.ok(Math.abs(r.recallGap - 0.8) < 1e-12);
  assert.deepEqual(r.flags, { imbalanced: true, nearMajorityBaseline: true, lowAttackRecall: ['brute'], largeRecallGap: true });
  assert.equal(r.messages.length, 4);
  assert.deepEqual(r.counts.map((c) => [c.label, c.count, c.recall]), [['benign', 90, 1], ['brute', 10, 0.2]]);
});
