// Table columns in the PDFs never break a word (issue 16, item 16: school names split mid-word).
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { fitColumns } from './fit-columns.js';

const doc = new PDFDocument({ size: 'A4', margin: 50 });
const measure = (text: string, size: number) => doc.font('Helvetica').fontSize(size).widthOfString(text);
const PAGE = 495;

const SCHOOL_TABLE = [
  ['Skolenhet', 'Elever', 'Frånvaro', 'Ogiltig', 'Året innan', 'Över gräns', 'Utan åtgärd'],
  ['Exempelskolan 7–9', '180', '7,9 % (osäker)', '1,2 %', '8,1 %', '12', '3'],
  ['Kyrkbacksskolans grundsärskola F–9', '24', '5,0 %', '0,4 %', 'inga data', '*', '*'],
];

describe('fitColumns', () => {
  it('gives every column at least its widest word and fills the page width', () => {
    const { fontSize, widths } = fitColumns(SCHOOL_TABLE, PAGE, measure, 10);
    expect(fontSize).toBe(10);
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(PAGE, 3);
    for (const row of SCHOOL_TABLE)
      row.forEach((text, i) => {
        for (const word of text.split(' ')) expect(measure(word, fontSize) + 0.5 * fontSize).toBeLessThan(widths[i]);
      });
  });

  it('shrinks the font when the words do not fit at the body size', () => {
    const wide = [Array.from({ length: 6 }, () => 'Registreringskvalitet')];
    const { fontSize, widths } = fitColumns(wide, PAGE, measure, 10);
    expect(fontSize).toBeLessThan(10);
    for (const width of widths) expect(measure('Registreringskvalitet', fontSize)).toBeLessThan(width);
  });

  it('stays within the page when not even the smallest size fits the words', () => {
    const tooWide = [Array.from({ length: 9 }, () => 'Registreringskvalitet')];
    const { widths } = fitColumns(tooWide, PAGE, measure, 10);
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(PAGE, 3);
  });
});
