import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { judgedDriftTrend } from '../../bench/targets.js';

describe('bench drift judgement', () => {
  it('flags a router that climbs, measured against itself and against the bare proxy', () => {
    assert.equal(judgedDriftTrend({ trendRatio: 1.2, trendRatioRelativeToBare: 1.18 }), 1.18);
  });

  it('does not blame the router for a machine that slowed down for both proxies', () => {
    assert.equal(judgedDriftTrend({ trendRatio: 1.15, trendRatioRelativeToBare: 1.0 }), 1.0);
  });

  it('does not blame the router for the bare proxy getting faster on its own', () => {
    assert.equal(judgedDriftTrend({ trendRatio: 1.07, trendRatioRelativeToBare: 1.22 }), 1.07);
  });

  it('uses the absolute trend when no bare proxy ran alongside', () => {
    assert.equal(judgedDriftTrend({ trendRatio: 1.12 }), 1.12);
  });
});
