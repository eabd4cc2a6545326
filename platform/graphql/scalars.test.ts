import { describe, expect, it } from 'vitest';
import { DateScalar, DateTimeScalar, DecimalScalar } from './scalars.ts';

describe('scalars', () => {
  it('accepts real calendar dates only', () => {
    expect(DateScalar.parseValue('2026-02-28')).toBe('2026-02-28');
    expect(() => DateScalar.parseValue('2026-02-30')).toThrow(/YYYY-MM-DD/);
    expect(() => DateScalar.parseValue('28/02/2026')).toThrow(/YYYY-MM-DD/);
  });

  it('requires a time zone on instants and serializes in UTC', () => {
    expect(DateTimeScalar.parseValue('2026-03-01T10:00:00+02:00').toISOString()).toBe('2026-03-01T08:00:00.000Z');
    expect(() => DateTimeScalar.parseValue('2026-03-01T10:00:00')).toThrow(/time zone/);
    expect(DateTimeScalar.serialize(new Date('2026-03-01T08:00:00Z'))).toBe('2026-03-01T08:00:00.000Z');
  });

  it('takes decimals as strings, never as JSON numbers', () => {
    expect(DecimalScalar.parseValue('1234.50')).toBe('1234.50');
    expect(() => DecimalScalar.parseValue(1234.5)).toThrow(/string/);
    expect(() => DecimalScalar.parseValue('1,234.50')).toThrow(/string/);
  });
});
