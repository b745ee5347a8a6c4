import { describe, expect, it } from 'vitest';
import { COVER, drawCover } from '../../src-main/service/hidden/cover.js';

describe('cover draws', () => {
  it('a message brings chaff rarely, in bursts of 1 to 64 cells, about half a cell on average', () => {
    const n = 200_000;
    let sum = 0;
    let none = 0;
    let most = 0;
    for (let i = 0; i < n; i++) {
      const k = drawCover(COVER.message);
      sum += k;
      if (k === 0) none++;
      most = Math.max(most, k);
    }
    // Expected: mean 65/128 = 0.508 (standard error 0.010), none 63/64 = 0.984 (standard error
    // 0.0003); the bounds are over ten standard errors wide, so only a wrong draw fails them.
    expect(sum / n).toBeGreaterThan(0.4);
    expect(sum / n).toBeLessThan(0.62);
    expect(none / n).toBeGreaterThan(0.98);
    expect(none / n).toBeLessThan(0.988);
    expect(most).toBeLessThanOrEqual(64);
    expect(most).toBeGreaterThan(32);
  });

  it('the pool is always drawn, inside its range', () => {
    for (let i = 0; i < 1000; i++) {
      const k = drawCover(COVER.pool);
      expect(k).toBeGreaterThanOrEqual(64);
      expect(k).toBeLessThanOrEqual(1024);
    }
  });
});
