/** Reads the text of a PDF that pdfkit wrote, for tests: no PDF parser needed. */
import zlib from 'node:zlib';

/** Text shown by the page content streams: inflates each stream and decodes the TJ hex strings (WinAnsi ≈ latin1 for Swedish). */
export function extractPdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = zlib.inflateSync(Buffer.from(m[1], 'latin1')).toString('latin1');
    } catch {
      content = m[1];
    }
    for (const tj of content.matchAll(/\[([^\]]*)\] TJ/g)) {
      lines.push(
        [...tj[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1], 'hex').toString('latin1')).join(''),
      );
    }
  }
  return lines.join('\n');
}
