import { describe, expect, it } from 'vitest';
import { ipKey } from '@/lib/filters/ip';
import { WIDE_SOURCES } from './bench-shapes';

// The wide shape stands for accounts with thousands of callers: its sources must be what CloudTrail
// writes, or the bench's IP filters measure text matching instead of address ranges.
describe('the wide shape’s sources', () => {
  it('are 6,000 distinct addresses of both families, besides AWS Internal and a service', () => {
    expect(new Set(WIDE_SOURCES).size).toBe(6000 - 2 * 119);
    const literals = WIDE_SOURCES.filter((s) => ipKey(s) === null);
    expect(new Set(literals)).toEqual(new Set(['AWS Internal', 'cloudformation.amazonaws.com']));
    const v6 = WIDE_SOURCES.filter((s) => s.includes(':'));
    expect(v6.length).toBeGreaterThan(1900);
    expect(v6.every((s) => ipKey(s) !== null)).toBe(true);
  });
});
