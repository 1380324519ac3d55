/**
 * A tagged PDF (real text with a structure tree: headings, paragraphs, tables with header cells,
 * and a document language) so reports are accessible and their text can be extracted.
 */
import PDFDocument from 'pdfkit';

export interface TaggedPdfOptions {
  title: string;
  author: string;
  subject: string;
  /** Set false in tests to read the text from the raw bytes. */
  compress?: boolean;
}

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
      doc.font('Helvetica').fontSize(10).moveDown(0.3);
    },
    paragraph: (text: string) => doc.text(text, { structParent: root, structType: 'P' }),
    th: (texts: string[]) => texts.map((text) => ({ text, type: 'TH' as const })),
    // Tables join the structure tree (Table/TR/TH/TD); @types/pdfkit does not know `structParent` for tables yet.
    table: (rows: Cell[][]) => doc.table({ data: rows, ...({ structParent: root } as object) }),
    /** Closes the structure and the document. */
    finish: (): Promise<Buffer> => {
      root.end();
      doc.end();
      return done;
    },
  };
}
