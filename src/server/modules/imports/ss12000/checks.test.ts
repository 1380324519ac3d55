import { describe, expect, it } from 'vitest';
import { checkCivicNo, isDate, isUuid, parseDateTime } from './checks.js';

describe('checkCivicNo', () => {
  it.each([
    ['201304122383', '201304122383', '2013-04-12'],
    ['20130412-2383', '201304122383', '2013-04-12'],
    ['130412-2383', '201304122383', '2013-04-12'],
    ['1304122383', '201304122383', '2013-04-12'],
    // Samordningsnummer: day + 60.
    ['130472-2380', '201304722380', '2013-04-12'],
  ])('accepts %s', (value, normalized, birthDate) => {
    expect(checkCivicNo(value, undefined, 2026)).toEqual({ isValid: true, normalized, birthDate });
  });

  it('puts a 10-digit number with + a hundred years back', () => {
    expect(checkCivicNo('130412+2383', undefined, 2026)).toMatchObject({ isValid: true, normalized: '191304122383' });
  });

  it('takes the century from the stated birth date', () => {
    expect(checkCivicNo('820311-1235', '1982-03-11', 2026)).toMatchObject({
      isValid: true,
      normalized: '198203111235',
    });
  });

  it.each([
    ['201304122384', 'CIVIC_NO_CHECKSUM'],
    ['20130412238', 'CIVIC_NO_FORMAT'],
    ['2013041223833', 'CIVIC_NO_FORMAT'],
    ['20130412+2383', 'CIVIC_NO_FORMAT'],
    ['abc', 'CIVIC_NO_FORMAT'],
    ['201302302383', 'CIVIC_NO_DATE'],
    ['201313122383', 'CIVIC_NO_DATE'],
  ])('rejects %s with %s', (value, code) => {
    expect(checkCivicNo(value, undefined, 2026)).toEqual({ isValid: false, code });
  });
});

describe('parseDateTime', () => {
  it('reads offsets and Z', () => {
    expect(parseDateTime('2026-03-29T08:00:00+02:00')).toBe(Date.UTC(2026, 2, 29, 6));
    expect(parseDateTime('2026-01-12T08:00:00Z')).toBe(Date.UTC(2026, 0, 12, 8));
    expect(parseDateTime('2026-01-12T08:00+01:00')).toBe(Date.UTC(2026, 0, 12, 7));
    expect(parseDateTime('2026-01-12T08:00:00.250-01:30')).toBe(Date.UTC(2026, 0, 12, 9, 30, 0, 250));
  });

  it.each([
    '2026-01-12T08:00:00',
    // Before 1900: a typing error, reported, never moved to 19xx as Date.UTC would.
    '0026-10-19T08:00:00Z',
    '0000-01-01T00:00:00Z',
    '2026-02-30T08:00:00Z',
    '2026-01-12T24:00:00Z',
    '2026-01-12',
    'igår',
  ])('rejects %s', (value) => {
    expect(parseDateTime(value)).toBeNull();
  });
});

describe('isDate and isUuid', () => {
  it('accepts only real dates', () => {
    expect(isDate('2028-02-29')).toBe(true);
    expect(isDate('2026-02-29')).toBe(false);
    expect(isDate('2026-1-05')).toBe(false);
    // There is no year 0 (PostgreSQL refuses it); year 4 was a leap year, 1900 was not.
    expect(isDate('0000-01-01')).toBe(false);
    expect(isDate('0004-02-29')).toBe(true);
    expect(isDate('1900-02-29')).toBe(false);
  });

  it('accepts any uuid version, either case', () => {
    expect(isUuid('0B000000-0000-1000-8000-000000000001')).toBe(true);
    expect(isUuid('0b000000-0000-4000-8000-00000000001')).toBe(false);
  });
});
