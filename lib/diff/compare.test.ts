import { describe, expect, it } from 'vitest';
import { compareFields, flatten, parseCompareQuery } from './compare';

const A = '3f0c1e0a-7b1d-4c3e-9a55-6a8f1b2c3d4e';
const B = '0b7c4a57-1111-4a4a-9a9a-000000000001';

describe('parseCompareQuery', () => {
  it('takes 2 to 5 event ids, repeated or comma-separated, each once', () => {
    expect(parseCompareQuery({ id: [A, B] })).toEqual({ ok: true, ids: [A, B] });
    expect(parseCompareQuery({ id: `${A},${B},${A}` })).toEqual({ ok: true, ids: [A, B] });
  });

  it.each([
    [{}, /id needs 2 to 5 different event ids/],
    [{ id: A }, /id needs 2 to 5/],
    [{ id: [A, A] }, /id needs 2 to 5 different/],
    [{ id: [A, 'nope'] }, /id must be a CloudTrail event id .*\("nope"\)/],
    [{ id: Array.from({ length: 6 }, (_, i) => A.replace(/e$/, String(i))) }, /at most 5/],
    [{ id: [A, B], ids: 'x' }, /unknown parameter ids; accepted: id/],
  ])('rejects %j with a message that says what is accepted', (params, message) => {
    const r = parseCompareQuery(params as Record<string, string | string[]>);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});

describe('compareFields', () => {
  it('lines up fields by path and marks the ones that differ', () => {
    const rows = compareFields([
      { id: 'ep', whitelist: ['a', 'b'], hls: { seg: 6 }, password: '***' },
      { id: 'ep', whitelist: ['a'], hls: { seg: 4 }, extra: true },
    ]);
    expect(rows).toEqual([
      { path: 'id', values: ['ep', 'ep'], differs: false },
      { path: 'whitelist', values: ['a, b', 'a'], differs: true },
      { path: 'hls.seg', values: ['6', '4'], differs: true },
      { path: 'password', values: ['masked', null], differs: true },
      { path: 'extra', values: [null, 'true'], differs: true },
    ]);
  });

  it('indexes arrays of objects and keeps empty values visible', () => {
    expect([...flatten({ list: [{ id: 1 }, { id: 2 }], empty: {}, none: null, nothing: [] })]).toEqual([
      ['list[0].id', '1'], ['list[1].id', '2'], ['empty', '{}'], ['none', 'null'], ['nothing', '[]'],
    ]);
  });
});
