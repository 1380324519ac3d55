/**
 * A tagged PDF (real text with a structure tree: headings, paragraphs, tables with header cells,
 * and a document language) so reports are accessible and their text can be extracted.
 */
import PDFDocument from 'pdfkit';
import { fitColumns } from './fit-columns.js';

export interface TaggedPdfOptions {
  title: string;
  author: string;
  subject: string;
  /** Set false in tests to read the text from the raw bytes. */
  compress?: boolean;
}

/** The size of body text and table cells. */
const BODY_FONT_SIZE = 10;

export type Cell = { text: string; type: 'TH' } | string;

export function createTaggedPdf(options: TaggedPdfOptions) {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'sv-SE',
    displayTitle: true,
    compress: options.compress ?? true,
    info: { Title: options.title, Author: options.author, Subject: options.subject },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const root = doc.struct('Document');
  doc.addStructure(root);
  return {
    doc,
    /** The document's structure root, for elements the helpers below do not cover (e.g. a Figure). */
    root,
    heading: (text: string, level: 'H1' | 'H2') => {
      doc
        .moveDown(level === 'H1' ? 0 : 0.8)
        .font('Helvetica-Bold')
        .fontSize(level === 'H1' ? 18 : 13);
      doc.text(text, { structParent: root, structType: level });
      doc.font('Helvetica').fontSize(BODY_FONT_SIZE).moveDown(0.3);
    },
    paragraph: (text: string) => doc.text(text, { structParent: root, structType: 'P' }),
    th: (texts: string[]) => texts.map((text) => ({ text, type: 'TH' as const })),
    // Tables join the structure tree (Table/TR/TH/TD); @types/pdfkit does not know `structParent` for tables yet.
    // Columns are sized so no word is broken (a smaller font when even that does not fit).
    table: (rows: Cell[][]) => {
      const maxWidth = doc.page.width - doc.page.margins.left - doc.page.margins.right;
      const fit = fitColumns(
        rows.map((row) => row.map((cell) => (typeof cell === 'string' ? cell : cell.text))),
        maxWidth,
        (text, size) => doc.fontSize(size).widthOfString(text),
        BODY_FONT_SIZE,
      );
      doc.fontSize(fit.fontSize);
      doc.table({ data: rows, columnStyles: fit.widths, ...({ structParent: root } as object) });
      doc.fontSize(BODY_FONT_SIZE);
    },
    /** Closes the structure and the document. */
    finish: (): Promise<Buffer> => {
      root.end();
      doc.end();
      return done;
    },
  };
}
