/**
 * The board report (nämndrapport) as a tagged PDF: real text with a structure tree (headings,
 * paragraphs, tables with header cells) and a document language, so it is accessible and its text
 * can be extracted. Built from the organiser statistics, so the figures are those of the views.
 */
import { createTaggedPdf } from '../../pdf/tagged-pdf.js';
import type {
  MonthlyStatisticsResponse,
  OrganiserStatisticsResponse,
  StatFigures,
} from '../../../shared/schemas/statistics.js';
import { MIN_CELL_PUPILS, STATISTICS_DEFINITIONS, suppressTable } from '../../../shared/statistics/index.js';

const pct = (v: number | null) => (v === null ? 'inga data' : `${(v * 100).toFixed(1).replace('.', ',')} %`);
const int = (v: number) => v.toLocaleString('sv-SE').replace(/\u00a0/g, ' ');
const rateWithQuality = (f: Pick<StatFigures, 'absentRate' | 'isUncertain'>) =>
  `${pct(f.absentRate)}${f.isUncertain && f.absentRate !== null ? ' (osäker)' : ''}`;

export const NOT_AVAILABLE = 'ej tillgängligt ännu';
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
const monthLabel = (key: string) => `${MONTHS[Number(key.slice(5, 7)) - 1]} ${key.slice(0, 4)}`;

/**
 * The monthly absence rate, this year (solid) and the year before (dashed), drawn as vector lines.
 * Tagged as a Figure with alternative text; the table after it holds the same numbers.
 */
function trendChart(
  doc: PDFKit.PDFDocument,
  root: PDFKit.PDFStructureElement,
  months: MonthlyStatisticsResponse,
): void {
  const values = months.months
    .flatMap((m) => [m.total.current.absentRate, m.total.previous.absentRate])
    .filter((v): v is number => v !== null);
  const top = Math.max(0.05, Math.ceil(Math.max(0, ...values) * 20) / 20);
  const [x0, y0, width, height] = [doc.x + 30, doc.y + 5, 400, 120];
  const alt = `Linjediagram: frånvaro per månad, i år och året innan. ${months.months.map((m) => `${monthLabel(m.month)}: ${pct(m.total.current.absentRate)} (året innan ${pct(m.total.previous.absentRate)})`).join('; ')}.`;
  const figure = doc.struct('Figure', { alt }, () => {
    const x = (i: number) => x0 + (months.months.length <= 1 ? width / 2 : (i * width) / (months.months.length - 1));
    const y = (v: number) => y0 + height - (v / top) * height;
    doc
      .save()
      .lineWidth(0.5)
      .strokeColor('#666666')
      .moveTo(x0, y0)
      .lineTo(x0, y0 + height)
      .lineTo(x0 + width, y0 + height)
      .stroke();
    doc
      .fontSize(7)
      .fillColor('#333333')
      .text(pct(top), x0 - 30, y0 - 3, { lineBreak: false })
      .text('0 %', x0 - 30, y0 + height - 3, { lineBreak: false });
    for (const [i, m] of months.months.entries())
      doc.text(monthLabel(m.month), x(i) - 15, y0 + height + 4, { lineBreak: false });
    const line = (pick: (m: MonthlyStatisticsResponse['months'][number]) => number | null, dashed: boolean) => {
      const points = months.months
        .map((m, i) => [i, pick(m)] as const)
        .filter((p): p is readonly [number, number] => p[1] !== null);
      if (points.length === 0) return;
      doc.lineWidth(1.5).strokeColor(dashed ? '#777777' : '#1f4e79');
      if (dashed) doc.dash(4, { space: 3 });
      else doc.undash();
      for (const [n, [i, v]] of points.entries()) {
        if (n === 0) doc.moveTo(x(i), y(v));
        else doc.lineTo(x(i), y(v));
      }
      doc.stroke();
    };
    line((m) => m.total.previous.absentRate, true);
    line((m) => m.total.current.absentRate, false);
    doc
      .undash()
      .fontSize(8)
      .fillColor('#1f4e79')
      .text('— i år', x0 + width + 8, y0, { lineBreak: false })
      .fillColor('#777777')
      .text('- - året innan', x0 + width + 8, y0 + 12, { lineBreak: false });
    doc.restore();
  });
  root.add(figure);
  doc.x = x0 - 30;
  doc.y = y0 + height + 20;
  doc.fillColor('black').font('Helvetica').fontSize(10);
}

/** Printed in place of a suppressed figure; explained under the per-school table. */
export const SUPPRESSED = '*';

/** Per-school counts and rates of the board report after small-cell suppression (null = suppressed). */
export interface BoardReportCells {
  total: { pupils: number | null; aboveListShare: number | null; onStep: number | null; withoutMeasure: number | null };
  schoolUnits: {
    schoolUnitId: string;
    pupils: number | null;
    aboveListShare: number | null;
    withoutMeasure: number | null;
    /** The unit's rates are hidden with its pupil count (a rate of a small group points at pupils). */
    isHidden: boolean;
    isPreviousHidden: boolean;
  }[];
}

/**
 * The board report is a public document, so its per-school counts get the small-cell rule the
 * regional statistics use (issue 15, item 12), with the same suppressTable: schools × (pupils
 * above the list rule, the others) for the pupil counts, schools × (on a step without a measure,
 * with one) for the ladder counts, each with its margins. The organiser totals in the summary
 * are those margins, so a hidden school cannot be recovered as the total minus the others.
 */
export function suppressBoardReport(s: OrganiserStatisticsResponse, threshold = MIN_CELL_PUPILS): BoardReportCells {
  const units = s.schoolUnits;
  const pupils = suppressTable(
    {
      rows: units.map((u) => [u.current.aboveListShare, u.current.pupils - u.current.aboveListShare]),
      rowTotals: units.map((u) => u.current.pupils),
      columns: 2,
    },
    threshold,
  );
  const steps = suppressTable(
    {
      rows: units.map((u) => [u.withoutMeasure, u.onStep - u.withoutMeasure]),
      rowTotals: units.map((u) => u.onStep),
      columns: 2,
    },
    threshold,
  );
  // A pupil in two units counts once in the organiser total: print it when the summed margin may be printed.
  const orSmall = (value: number, margin: number | null) => (margin === null || value < threshold ? null : value);
  return {
    total: {
      pupils: orSmall(s.total.current.pupils, pupils.grandTotal),
      aboveListShare: orSmall(s.total.current.aboveListShare, pupils.columnTotals[0]),
      onStep: orSmall(s.total.onStep, steps.grandTotal),
      withoutMeasure: orSmall(s.total.withoutMeasure, steps.columnTotals[0]),
    },
    schoolUnits: units.map((u, i) => ({
      schoolUnitId: u.schoolUnitId,
      pupils: pupils.rowTotals[i],
      aboveListShare: pupils.rows[i][0],
      withoutMeasure: steps.rows[i][0],
      isHidden: pupils.isRowHidden[i],
      isPreviousHidden: u.previous.pupils < threshold,
    })),
  };
}

export interface BoardReportInput {
  organiserName: string;
  statistics: OrganiserStatisticsResponse;
  /** Share of confirmed lessons per school unit id (registreringsgrad). */
  completeness: Map<string, number | null>;
  /** Absence per month of the period with the year before: drawn as a vector chart, and as a table. */
  months: MonthlyStatisticsResponse;
  /** The administrator's short text. */
  text?: string;
  /** Set in tests to read the text from the raw bytes. */
  compress?: boolean;
}

export function renderBoardReport(input: BoardReportInput): Promise<Buffer> {
  const { statistics: s, organiserName } = input;
  const title = `Nämndrapport närvaro ${s.from} – ${s.to}`;
  const { doc, root, heading, paragraph, th, table, finish } = createTaggedPdf({
    title,
    author: organiserName,
    subject: 'Närvaro och frånvaro per skolenhet',
    compress: input.compress,
  });

  const t = s.total;
  const cells = suppressBoardReport(s);
  const count = (v: number | null) => (v === null ? SUPPRESSED : int(v));
  heading(`Nämndrapport: närvaro och frånvaro, ${organiserName}`, 'H1');
  paragraph(`Period ${s.from} – ${s.to}, jämfört med samma period året innan (${s.previousFrom} – ${s.previousTo}).`);

  heading('Sammanfattning', 'H2');
  paragraph(
    `Elever: ${count(cells.total.pupils)}. Frånvaro: ${rateWithQuality(t.current)} (året innan ${pct(t.previous.absentRate)}), varav giltig ${pct(t.current.validRate)} och ogiltig ${pct(t.current.invalidRate)}.`,
  );
  paragraph(
    `Täckning (andel schemalagd tid med känd närvaro): ${pct(t.current.coverage)}. Tal med täckning under ${pct(s.minCoverage)} är markerade som osäkra.`,
  );
  paragraph(
    `Elever med mer än ${pct(s.listRuleShare)} frånvaro i perioden: ${count(cells.total.aboveListShare)}. Elever på ett steg i närvarotrappan: ${count(cells.total.onStep)}, varav utan pågående åtgärd: ${count(cells.total.withoutMeasure)}.`,
  );
  paragraph(
    `Åtgärder: ${int(t.tasksCreated)} skapade och ${int(t.tasksDone)} avslutade i perioden, ${int(t.tasksOverdue)} försenade. Anmälningar till huvudmannen: ${int(s.organiserNotices)}. Meddelanden till vårdnadshavare: ${int(s.guardianMessages)}.`,
  );

  heading('Frånvaro per månad', 'H2');
  trendChart(doc, root, input.months);
  table([
    th(['Månad', 'Frånvaro', 'Året innan', 'Giltig', 'Ogiltig', 'Täckning']),
    ...input.months.months.map((m) => [
      monthLabel(m.month),
      rateWithQuality(m.total.current),
      pct(m.total.previous.absentRate),
      pct(m.total.current.validRate),
      pct(m.total.current.invalidRate),
      pct(m.total.current.coverage),
    ]),
  ]);

  heading('Ärenden och meddelanden', 'H2');
  const a = s.activity;
  table([
    th(['Uppgift', 'Antal i perioden']),
    ...(
      [
        ['Utredningar inledda', a.investigationsOpened],
        ['Utredningar avslutade', a.investigationsClosed],
        ['Utredningar försenade', a.investigationsOverdue],
        ['Anmälningar till huvudmannen', a.noticesReceived],
        ['Meddelanden till vårdnadshavare (skrivna)', a.guardianMessagesWritten],
        ['Meddelanden till vårdnadshavare (levererade)', a.guardianMessagesSent],
      ] as [string, number | null][]
    ).map(([label, n]) => [label, n === null ? NOT_AVAILABLE : int(n)]),
  ]);

  heading('Per skolenhet', 'H2');
  table([
    th(['Skolenhet', 'Elever', 'Frånvaro', 'Ogiltig', 'Året innan', 'Över gräns', 'Utan åtgärd']),
    ...s.schoolUnits.map((u, i) => {
      const c = cells.schoolUnits[i];
      return [
        u.schoolUnitName,
        count(c.pupils),
        c.isHidden ? SUPPRESSED : rateWithQuality(u.current),
        c.isHidden ? SUPPRESSED : pct(u.current.invalidRate),
        c.isHidden || c.isPreviousHidden ? SUPPRESSED : pct(u.previous.absentRate),
        count(c.aboveListShare),
        count(c.withoutMeasure),
      ];
    }),
  ]);
  paragraph(
    `${SUPPRESSED} Dolt: färre än ${MIN_CELL_PUPILS} elever, eller dolt så att en dold siffra inte kan räknas fram ur de andra (samma regel som i den regionala statistiken). En skola med dolt elevantal visar inte heller sina andelar.`,
  );

  heading('Registreringskvalitet', 'H2');
  table([
    th(['Skolenhet', 'Täckning', 'Kvitterade lektioner', 'Osäker']),
    ...s.schoolUnits.map((u) => [
      u.schoolUnitName,
      pct(u.current.coverage),
      pct(input.completeness.get(u.schoolUnitId) ?? null),
      u.current.isUncertain ? 'ja' : 'nej',
    ]),
  ]);

  if (input.text?.trim()) {
    heading('Kommentar', 'H2');
    paragraph(input.text.trim());
  }

  heading('Definitioner', 'H2');
  for (const key of ['absentRate', 'coverage', 'bands', 'withoutMeasure', 'previous'] as const)
    paragraph(STATISTICS_DEFINITIONS[key]);
  return finish();
}
