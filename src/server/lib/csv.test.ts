// CSV cells never run as formulas in a spreadsheet: the OWASP list of leading characters
// (=, +, -, @, tab, carriage return) is neutralised; quoting keeps separators and quotes inside.
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';

const csvOf = (values: string[]) =>
  toCsv([{ header: 'Namn', value: (v: string) => v }], values)
    .replace('\uFEFF', '')
    .split('\r\n')
    .slice(1, -1);

describe('CSV cells', () => {
  it('neutralises every leading character a spreadsheet reads as a formula', () => {
    expect(csvOf(['=1+1', '+1', '-1', '@SUM(A1)', '\t=HYPERLINK("x")', '\r=1+1'])).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      '"\'\t=HYPERLINK(""x"")"',
      '"\'\r=1+1"',
    ]);
  });

  it('quotes separators, quotes and line breaks and leaves plain text alone', () => {
    expect(csvOf(['Anna;Elev', 'Sa "Bo"', 'rad\nbrytning', 'Åsa Öberg'])).toEqual([
      '"Anna;Elev"',
      '"Sa ""Bo"""',
      '"rad\nbrytning"',
      'Åsa Öberg',
    ]);
  });
});
