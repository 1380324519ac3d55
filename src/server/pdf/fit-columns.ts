/**
 * Column widths for a PDF table that never break a word (issue 16: "Exempelskolan" was split
 * mid-word in equal-width columns). Each column gets at least its widest word; the rest of the
 * width goes to the columns whose text wraps, in proportion to how much wider their longest text is.
 */

/** Measures a text in the table's font at the given size (pdfkit's `widthOfString`). */
export type MeasureText = (text: string, fontSize: number) => number;

/** Smallest font size tried before a word is allowed to break (beyond that a table is unreadable). */
const MIN_FONT_SIZE = 7;

/**
 * @param texts the table's cell texts, row by row
 * @param maxWidth the width the table may take, in points
 * @param padding a cell's left plus right padding at 1 pt font size (pdfkit's default is 0.25em per side)
 * @returns the font size to use (the given one, or smaller so the words fit) and a width per column
 */
export function fitColumns(
  texts: string[][],
  maxWidth: number,
  measure: MeasureText,
  fontSize: number,
  padding = 0.5,
): { fontSize: number; widths: number[] } {
  const columns = Math.max(0, ...texts.map((row) => row.length));
  for (let size = fontSize; ; size -= 0.5) {
    // One point of slack per column: pdfkit wraps a word that fills the width exactly.
    const pad = padding * size + 1;
    const minimum = Array.from({ length: columns }, () => pad);
    const natural = Array.from({ length: columns }, () => pad);
    for (const row of texts)
      row.forEach((text, i) => {
        const words = text.split(/\s+/).filter(Boolean);
        minimum[i] = Math.max(minimum[i], ...words.map((w) => measure(w, size) + pad));
        natural[i] = Math.max(natural[i], measure(text, size) + pad);
      });
    const sumMinimum = minimum.reduce((a, b) => a + b, 0);
    if (sumMinimum > maxWidth && size > MIN_FONT_SIZE) continue;
    // Not even the smallest size fits every word: the widths in proportion, and long words break.
    if (sumMinimum > maxWidth) return { fontSize: size, widths: minimum.map((m) => (m * maxWidth) / sumMinimum) };
    const spare = Math.max(0, maxWidth - sumMinimum);
    const wraps = natural.map((n, i) => n - minimum[i]);
    const totalWrap = wraps.reduce((a, b) => a + b, 0);
    const widths = minimum.map((m, i) =>
      totalWrap === 0 ? m + spare / columns : m + Math.min(wraps[i], spare * (wraps[i] / totalWrap)),
    );
    // What the wrapping columns did not need is shared out evenly, so the table keeps its full width.
    const left = maxWidth - widths.reduce((a, b) => a + b, 0);
    return { fontSize: size, widths: widths.map((w) => w + Math.max(0, left) / columns) };
  }
}
