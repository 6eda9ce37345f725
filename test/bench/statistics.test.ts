import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { trendEndRatio } from '../../bench/statistics.js';

describe('trendEndRatio', () => {
  it('reads a steady climb in full', () => {
    const climb = Array.from({ length: 30 }, (_, index) => 80 * (1 + (0.15 * index) / 29));
    assert.ok(Math.abs(trendEndRatio(climb) - 1.15) < 1e-9);
  });

  it('reads a flat series as 1, and a fall below 1', () => {
    assert.equal(trendEndRatio([80, 80, 80, 80]), 1);
    assert.ok(trendEndRatio([90, 85, 80, 75]) < 1);
  });

  it('is not tilted by one disturbed window at the end', () => {
    const steady = [79, 78, 81, 80, 79, 80, 81, 79, 80, 80];
    assert.ok(trendEndRatio([...steady, 124]) < 1.03);
  });

  it('still sees a climb when a few windows are disturbed', () => {
    const climb = Array.from({ length: 30 }, (_, index) => 80 * (1 + (0.2 * index) / 29));
    climb[3] = 160;
    climb[17] = 40;
    assert.ok(trendEndRatio(climb) > 1.18);
  });

  it('needs two points', () => {
    assert.ok(Number.isNaN(trendEndRatio([80])));
  });
});
