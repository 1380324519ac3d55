/**
 * Swedish personnummer and organisationsnummer with correct Luhn check digits.
 *
 * The demo numbers are synthetic: valid in form, randomly drawn, and not checked against any
 * register. They may coincide with real people's numbers, so demo data must never leave a test
 * or demo environment.
 */

/** Luhn (mod 10) check digit for a string of digits, weights 2,1,2,1… from the left. */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const product = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * A 12-digit personnummer 'YYYYMMDDNNNC'. `birthNumber` is the three-digit serial; its last
 * digit is forced odd for men and even for women, as in the real numbering.
 */
export function makeCivicNo(birthDate: string, birthNumber: number, sex: 'Man' | 'Kvinna'): string {
  const lastDigit = birthNumber % 10;
  const wantOdd = sex === 'Man';
  const serial = (lastDigit % 2 === 1) === wantOdd ? birthNumber : (birthNumber + 1) % 1000;
  const tenDigitsWithoutCheck = birthDate.slice(2).replaceAll('-', '') + String(serial).padStart(3, '0');
  return birthDate.replaceAll('-', '') + tenDigitsWithoutCheck.slice(6) + luhnCheckDigit(tenDigitsWithoutCheck);
}

/** True when a 12-digit personnummer has a real birth date and a correct check digit. */
export function isValidCivicNo(civicNo: string): boolean {
  if (!/^\d{12}$/.test(civicNo)) return false;
  const birth = `${civicNo.slice(0, 4)}-${civicNo.slice(4, 6)}-${civicNo.slice(6, 8)}`;
  const parsed = new Date(`${birth}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== birth) return false;
  return luhnCheckDigit(civicNo.slice(2, 11)) === Number(civicNo[11]);
}

/** An organisationsnummer 'NNNNNN-NNNC' from its first nine digits. */
export function makeOrganisationNumber(nineDigits: string): string {
  const full = nineDigits + luhnCheckDigit(nineDigits);
  return `${full.slice(0, 6)}-${full.slice(6)}`;
}
