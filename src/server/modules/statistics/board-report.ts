/**
 * The board report (nämndrapport) as a tagged PDF: real text with a structure tree (headings,
 * paragraphs, tables with header cells) and a document language, so it is accessible and its text
 * can be extracted. Built from the organiser statistics, so the figures are those of the views.
 */
import { createTaggedPdf } from '../../pdf/tagged-pdf.js';
import type { OrganiserStatisticsResponse, StatFigures } from '../../../shared/schemas/statistics.js';
import { STATISTICS_DEFINITIONS } from '../../../shared/statistics/index.js';

const pct = (v: number | null) => (v === null ? 'inga data' : `${(v * 100).toFixed(1).replace('.', ',')} %`);
const int = (v: number) => v.toLocaleString('sv-SE').replace(/\u00a0/g, ' ');
const rateWithQuality = (f: StatFigures) => `${pct(f.absentRate)}${f.isUncertain && f.absentRate !== null ? ' (osäker)' : ''}`;

export interface BoardReportInput {
  organiserName: string;
  statistics: OrganiserStatisticsResponse;
  /** Share of confirmed lessons per school unit id (registreringsgrad). */
  completeness: Map<string, number | null>;
  /** The administrator's short text. */
  text?: string;
  /** Set in tests to read the text from the raw bytes. */
  compress?: boolean;
}

export function renderBoardReport(input: BoardReportInput): Promise<Buffer> {
  const { statistics: s, organiserName } = input;
  const title = `Nämndrapport närvaro ${s.from} – ${s.to}`;
  const { heading, paragraph, th, table, finish } = createTaggedPdf({
    title, author: organiserName, subject: 'Närvaro och frånvaro per skolenhet', compress: input.compress,
  });

  const t = s.total;
  heading(`Nämndrapport: närvaro och frånvaro, ${organiserName}`, 'H1');
  paragraph(`Period ${s.from} – ${s.to}, jämfört med samma period året innan (${s.previousFrom} – ${s.previousTo}).`);

  heading('Sammanfattning', 'H2');
  paragraph(`Elever: ${int(t.current.pupils)}. Frånvaro: ${rateWithQuality(t.current)} (året innan ${pct(t.previous.absentRate)}), varav giltig ${pct(t.current.validRate)} och ogiltig ${pct(t.current.invalidRate)}.`);
  paragraph(`Täckning (andel schemalagd tid med känd närvaro): ${pct(t.current.coverage)}. Tal med täckning under ${pct(s.minCoverage)} är markerade som osäkra.`);
  paragraph(`Elever med mer än ${pct(s.listRuleShare)} frånvaro i perioden: ${int(t.current.aboveListShare)}. Elever på ett steg i närvarotrappan: ${int(t.onStep)}, varav utan pågående åtgärd: ${int(t.withoutMeasure)}.`);
  paragraph(`Åtgärder: ${int(t.tasksCreated)} skapade och ${int(t.tasksDone)} avslutade i perioden, ${int(t.tasksOverdue)} försenade. Anmälningar till huvudmannen: ${int(s.organiserNotices)}. Meddelanden till vårdnadshavare: ${int(s.guardianMessages)}.`);

  heading('Per skolenhet', 'H2');
  table([th(['Skolenhet', 'Elever', 'Frånvaro', 'Ogiltig', 'Året innan', 'Över gräns', 'Utan åtgärd']), ...s.schoolUnits.map((u) => [
      u.schoolUnitName, int(u.current.pupils), rateWithQuality(u.current), pct(u.current.invalidRate), pct(u.previous.absentRate),
      int(u.current.aboveListShare), int(u.withoutMeasure),
  ])]);

  heading('Registreringskvalitet', 'H2');
  table([th(['Skolenhet', 'Täckning', 'Kvitterade lektioner', 'Osäker']), ...s.schoolUnits.map((u) => [
    u.schoolUnitName, pct(u.current.coverage), pct(input.completeness.get(u.schoolUnitId) ?? null), u.current.isUncertain ? 'ja' : 'nej',
  ])]);

  if (input.text?.trim()) {
    heading('Kommentar', 'H2');
    paragraph(input.text.trim());
  }

  heading('Definitioner', 'H2');
  for (const key of ['absentRate', 'coverage', 'bands', 'withoutMeasure', 'previous'] as const) paragraph(STATISTICS_DEFINITIONS[key]);
  return finish();
}
