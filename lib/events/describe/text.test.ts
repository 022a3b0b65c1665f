import { describe, expect, it } from 'vitest';
import { clean, MAX_VALUE_LENGTH } from './text';

describe('clean: record values as sentence text', () => {
  it('keeps an ordinary value as it is', () => {
    expect(clean('sports-hd')).toBe('sports-hd');
    expect(clean('alice@example.com')).toBe('alice@example.com');
    expect(clean('Chaîne sport 📺')).toBe('Chaîne sport 📺');
  });

  it('turns control and invisible formatting characters into single spaces and trims', () => {
    expect(clean(' a\tb\r\nc\u0000d\u001b[0m\u0085e ')).toBe('a b c d [0m e');
    expect(clean('evil\u202etxt.exe\u200b\u2066x')).toBe('evil txt.exe x');
    expect(clean('\n\t\u0000')).toBe('');
  });

  it('drops lone surrogates but keeps pairs', () => {
    expect(clean('a\ud800b\udc00c😀')).toBe('abc😀');
  });

  it('caps long values with an ellipsis, without splitting a character', () => {
    const long = clean('x'.repeat(1_000_000));
    expect(long).toBe(`${'x'.repeat(MAX_VALUE_LENGTH)}…`);
    const emoji = clean('😀'.repeat(200));
    expect(emoji).toBe(`${'😀'.repeat(MAX_VALUE_LENGTH)}…`);
    expect(clean('x'.repeat(MAX_VALUE_LENGTH))).toBe('x'.repeat(MAX_VALUE_LENGTH));
  });

  it('shows numbers, and nothing for other non-strings', () => {
    expect(clean(42)).toBe('42');
    expect(clean(Number.NaN)).toBe('');
    for (const v of [undefined, null, {}, [], true, () => 1]) expect(clean(v)).toBe('');
  });
});
