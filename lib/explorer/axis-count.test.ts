import { describe, expect, it } from 'vitest';
import { axisCount } from './axis-count';

describe('axisCount', () => {
  it('keeps counts under a thousand whole', () => {
    expect([0, 7, 950, 999].map(axisCount)).toEqual(['0', '7', '950', '999']);
  });

  it('writes thousands and millions in at most five characters, halves kept', () => {
    const labels = [4000, 4500, 13_500, 16_000, 112_000, 1_200_000].map(axisCount);
    expect(labels).toEqual(['4K', '4.5K', '13.5K', '16K', '112K', '1.2M']);
    for (const label of labels) expect(label.length).toBeLessThanOrEqual(5);
  });
});
