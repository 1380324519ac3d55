/**
 * Primitive value checks for SS12000 files: uuids, RFC 3339 dates and date-times, Swedish civic
 * numbers. Pure functions; the validator turns their answers into import problems.
 */

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
// RFC 3339 requires seconds; some exporters leave them out, and the instant is still unambiguous.
// The offset is required: without it a lesson time cannot be placed in Europe/Stockholm.
const DATE_TIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?([Zz]|([+-])(\d{2}):(\d{2}))$/;
const CIVIC_NO_PATTERN = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})$/;
const MINUTE_MS = 60_000;
/** Lessons and absences are not older than this; a year like `0026` is a typing error. */
const MIN_DATE_TIME_YEAR = 1900;

/** True for any RFC 4122-shaped uuid (SS12000 ids need not be version 4). */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

/**
 * Epoch ms of a UTC date and time with the year as written: Date.UTC reads years 0–99 as 1900–1999,
 * which would move a mistyped `0026-…` to 1926 without a word.
 */
function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const instant = new Date(Date.UTC(2000, 0, 1));
  instant.setUTCFullYear(year, month - 1, day);
  instant.setUTCHours(hour, minute, second, ms);
  return instant.getTime();
}

/** A calendar date from year 1 on (there is no year 0, and PostgreSQL refuses it). */
function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(utcMs(year, month + 1, 0)).getUTCDate();
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isDate(value: string): boolean {
  const m = DATE_PATTERN.exec(value);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * Epoch ms of an RFC 3339 date-time with offset (`2026-03-29T08:00:00+02:00`, `…Z`).
 * @returns null when the text is not such a date-time, names an impossible time or a year before 1900
 */
export function parseDateTime(value: string): number | null {
  const m = DATE_TIME_PATTERN.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
  if (year < MIN_DATE_TIME_YEAR || !isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 59)
    return null;
  let offsetMinutes = 0;
  if (m[9]) {
    const offsetHours = Number(m[10]);
    const offsetMins = Number(m[11]);
    if (offsetHours > 23 || offsetMins > 59) return null;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const fraction = m[7] ? Math.floor(Number(m[7]) * 1000) : 0;
  return utcMs(year, month, day, hour, minute, second, fraction) - offsetMinutes * MINUTE_MS;
}

/** Luhn (mod 10) check digit of a digit string, weights 2,1,2,1… from the left. */
function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const product = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

export type CivicNoResult =
  | {
      isValid: true /** `YYYYMMDDNNNC`, the form stored. */;
      normalized: string /** Birth date (samordningsnummer: day − 60). */;
      birthDate: string;
    }
  | { isValid: false; code: 'CIVIC_NO_FORMAT' | 'CIVIC_NO_DATE' | 'CIVIC_NO_CHECKSUM' };

/**
 * Checks a Swedish personnummer or samordningsnummer (day + 60): 10 or 12 digits with an optional
 * `-` (or `+` for 100 years or older), a real birth date and a Luhn check digit over the 10-digit
 * form (Skatteverket SKV 704).
 * @param birthDate the person's stated birth date, used to pick the century of a 10-digit number
 * @param referenceYear the current year, for the century when no birth date is given
 */
export function checkCivicNo(
  value: string,
  birthDate?: string,
  referenceYear = new Date().getUTCFullYear(),
): CivicNoResult {
  const m = CIVIC_NO_PATTERN.exec(value.trim());
  if (!m || (m[1] !== undefined && m[5] === '+')) return { isValid: false, code: 'CIVIC_NO_FORMAT' };
  const [, century, yy, mm, dd, separator, serial] = m;
  const month = Number(mm);
  const rawDay = Number(dd);
  const day = rawDay > 60 ? rawDay - 60 : rawDay;
  let year: number;
  if (century !== undefined) {
    year = Number(century + yy);
  } else if (birthDate && birthDate.slice(2, 4) === yy) {
    year = Number(birthDate.slice(0, 4));
  } else {
    // The latest year ending in `yy` that is not in the future; `+` marks someone 100 or older.
    year = referenceYear - ((((referenceYear - Number(yy)) % 100) + 100) % 100);
    if (separator === '+') year -= 100;
  }
  if (!isRealDate(year, month, day)) return { isValid: false, code: 'CIVIC_NO_DATE' };
  const tenDigits = `${yy}${mm}${dd}${serial}`;
  if (luhnCheckDigit(tenDigits.slice(0, 9)) !== Number(tenDigits[9]))
    return { isValid: false, code: 'CIVIC_NO_CHECKSUM' };
  const yyyy = String(year).padStart(4, '0');
  return {
    isValid: true,
    normalized: `${yyyy}${mm}${dd}${serial}`,
    birthDate: `${yyyy}-${mm}-${String(day).padStart(2, '0')}`,
  };
}
