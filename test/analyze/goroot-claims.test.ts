import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatClaimValue,
  judgeClaim,
  SYMLINK_CLAIM,
  TMPFS_CLAIM,
} from '../../src/analyze/goroot-claims.js';

const ms = 1e6;

test('symlink claim holds when the estimate is near 0.5 ms and a cost is detected', () => {
  const c = judgeClaim(SYMLINK_CLAIM, 'go env GOROOT', {
    estimate: 0.45 * ms,
    lo: 0.3 * ms,
    hi: 0.6 * ms,
  });
  assert.equal(c.verdict, 'holds');
  assert.equal(c.claimId, 'symlink-level-cost');
  assert.match(c.evidence, /measured 450 µs \(95% CI 300 µs … 600 µs\)/);
});

test('symlink claim does not hold when the whole CI is below the band', () => {
  const c = judgeClaim(SYMLINK_CLAIM, 'go env GOROOT', { estimate: 2e3, lo: -5e3, hi: 9e3 });
  assert.equal(c.verdict, 'does not hold here');
  assert.match(c.evidence, /below the claimed 500 µs/);
});

test('symlink claim does not hold when the whole CI is above the band', () => {
  const c = judgeClaim(SYMLINK_CLAIM, 'x', { estimate: 3 * ms, lo: 2 * ms, hi: 4 * ms });
  assert.equal(c.verdict, 'does not hold here');
  assert.match(c.evidence, /above/);
});

test('inconclusive: CI reaches the band but also includes no effect', () => {
  const c = judgeClaim(SYMLINK_CLAIM, 'x', { estimate: 0.3 * ms, lo: -0.1 * ms, hi: 0.8 * ms });
  assert.equal(c.verdict, 'inconclusive');
  assert.match(c.evidence, /includes no effect/);
});

test('inconclusive: estimate outside the band but CI reaches it', () => {
  const c = judgeClaim(SYMLINK_CLAIM, 'x', { estimate: 0.1 * ms, lo: 0.05 * ms, hi: 0.3 * ms });
  assert.equal(c.verdict, 'inconclusive');
});

test('inconclusive without a CI or an estimate', () => {
  assert.equal(
    judgeClaim(SYMLINK_CLAIM, 'x', { estimate: 0.5 * ms, lo: null, hi: null }).verdict,
    'inconclusive',
  );
  assert.equal(
    judgeClaim(SYMLINK_CLAIM, 'x', { estimate: NaN, lo: null, hi: null }).verdict,
    'inconclusive',
  );
});

test('tmpfs claim: ratios', () => {
  assert.equal(
    judgeClaim(TMPFS_CLAIM, 'stat', { estimate: 1.02, lo: 0.95, hi: 1.1 }).verdict,
    'does not hold here',
  );
  assert.equal(
    judgeClaim(TMPFS_CLAIM, 'stat', { estimate: 2.9, lo: 2.5, hi: 3.4 }).verdict,
    'holds',
  );
  assert.equal(
    judgeClaim(TMPFS_CLAIM, 'stat', { estimate: 1.8, lo: 0.9, hi: 2.6 }).verdict,
    'inconclusive',
  );
  assert.equal(formatClaimValue(TMPFS_CLAIM, 0.981), '0.981×');
  assert.equal(formatClaimValue(SYMLINK_CLAIM, -250e3), '-250 µs');
});
