/**
 * The case as a tagged PDF for the pupil's record (elevakt): every section as text, with the
 * computed follow-up figures. No address or location data is ever part of it.
 */
import type { CaseDetail, FollowUpFigures } from '../../../shared/schemas/cases.js';
import { createTaggedPdf, type Cell } from '../../pdf/tagged-pdf.js';
import { sectionsFor, type MappingKind } from '../../../shared/cases/index.js';
import { labelSv } from '../../../shared/cases/labels-sv.js';

const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? 'inga data' : `${(v * 100).toFixed(1).replace('.', ',')} %`;
const figures = (f: FollowUpFigures | null) => (f ? `${pct(f.absentRate)} (${f.from} – ${f.to})` : '–');
const MAPPING_KIND = { simple: 'Enkel kartläggning', inDepth: 'Fördjupad kartläggning' } as Record<string, string>;

/** What the case document is written with: the tagged PDF, or a recorder of its text (tests). */
interface CaseWriter {
  heading: (text: string, level: 'H1' | 'H2') => unknown;
  paragraph: (text: string) => unknown;
  th: (texts: string[]) => Cell[];
  table: (rows: Cell[][]) => unknown;
}

export function renderCasePdf(
  detail: CaseDetail,
  today: string,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const c = detail.case;
  const pdf = createTaggedPdf({
    title: `Ärende ${c.pupilName}`,
    author: c.schoolUnitName ?? 'Närvaro',
    subject: 'Ärende om frånvaro',
    compress: options.compress,
  });
  writeCase(detail, today, pdf);
  return pdf.finish();
}

/** Every text of the case document in order (headings, paragraphs, table cells). */
export function caseDocumentTexts(detail: CaseDetail, today: string): string[] {
  const texts: string[] = [];
  const cellText = (cell: Cell) => (typeof cell === 'string' ? cell : cell.text);
  writeCase(detail, today, {
    heading: (text) => texts.push(text),
    paragraph: (text) => texts.push(text),
    th: (cells) => cells.map((text) => ({ text, type: 'TH' as const })),
    table: (rows) => texts.push(...rows.flat().map(cellText)),
  });
  return texts;
}

function writeCase(detail: CaseDetail, today: string, { heading, paragraph, th, table }: CaseWriter): void {
  const c = detail.case;
  heading(`Ärende om frånvaro: ${c.pupilName}`, 'H1');
  paragraph(
    `Skolenhet: ${c.schoolUnitName ?? '–'}. Klass: ${c.className ?? '–'}. Öppnat ${c.openedOn}${c.openedByName ? ` av ${c.openedByName}` : ' av närvarotrappan'}. Status: ${c.status === 'open' ? 'öppet' : 'avslutat'}. Utskrivet ${today}.`,
  );
  if (c.status === 'closed')
    paragraph(
      `Avslutat ${c.closedAt?.slice(0, 10) ?? ''}: ${labelSv('closeReasons', c.closeReason)}. ${c.closeOutcome ?? ''}`,
    );

  heading('Deltagare', 'H2');
  paragraph(detail.members.map((m) => `${m.name} (${labelSv('memberRoles', m.role)})`).join(', ') || '–');

  heading('Kartläggningar', 'H2');
  if (detail.mappings.length === 0) paragraph('Ingen kartläggning.');
  for (const m of detail.mappings) {
    paragraph(
      `${MAPPING_KIND[m.kind] ?? m.kind}, ${m.createdAt.slice(0, 10)}${m.completedAt ? `, klar ${m.completedAt.slice(0, 10)}` : ' (pågår)'}.`,
    );
    paragraph(`Elevens egen röst: ${m.pupilVoice ?? '–'}`);
    paragraph(`Vårdnadshavarnas syn: ${m.guardiansView ?? '–'}`);
    for (const section of sectionsFor(detail.template, m.kind as MappingKind)) {
      for (const q of section.questions) {
        const answer = m.answers?.[`${section.key}.${q.key}`];
        if (answer) paragraph(`${section.title} – ${q.label}: ${answer}`);
      }
    }
  }

  heading('Utredning (7 kap. 19 a § skollagen)', 'H2');
  if (detail.investigations.length === 0) paragraph('Ingen utredning.');
  for (const i of detail.investigations) {
    paragraph(
      `Öppnad ${i.openedOn}, senast klar ${i.deadline}${i.completedOn ? `, klar ${i.completedOn}` : ''}${i.isOverdue ? ' (försenad)' : ''}. Anmäld till huvudmannen.`,
    );
    if (i.conclusion) paragraph(`Slutsats: ${i.conclusion}`);
  }

  heading('Orsaker', 'H2');
  if (detail.causes.length === 0) paragraph('Inga orsaker registrerade.');
  else
    table([
      th(['Orsak', 'Huvudorsak', 'Angiven av', 'Kommentar']),
      ...detail.causes.map((x) => [
        x.label,
        x.isPrimary ? 'ja' : '',
        labelSv('causeGivers', x.givenBy),
        x.comment ?? '',
      ]),
    ]);

  heading('Åtgärdsplan och uppföljning', 'H2');
  if (detail.interventions.length === 0) paragraph('Inga insatser.');
  for (const i of detail.interventions) {
    paragraph(
      `${i.label}. Ansvarig: ${i.responsibleName ?? '–'}. Start ${i.startDate}.${i.goal ? ` Mål: ${i.goal}` : ''}`,
    );
    table([
      th(['Uppföljning', 'Planerad', 'Gjord', 'Frånvaro före', 'Frånvaro sedan start', 'Mål uppnått', 'Bedömning']),
      ...i.followUps.map((f) => [
        labelSv('followUpPoints', f.point),
        f.plannedOn,
        f.recordedOn ?? '–',
        figures(f.before),
        figures(f.since),
        labelSv('goalAttainment', f.goalAttainment),
        f.assessment ?? '',
      ]),
    ]);
  }

  heading('Orosanmälningar', 'H2');
  if (detail.concernReports.length === 0) paragraph('Inga orosanmälningar.');
  for (const r of detail.concernReports) {
    paragraph(
      `${r.reportedOn} till ${r.socialServicesOffice} (${labelSv('concernReasons', r.reasonCategory)}) av ${r.reportedByName ?? '–'}. Återkoppling: ${r.feedbackOn ? `${r.feedbackOn}, ${labelSv('concernFeedback', r.feedbackKind)}` : 'ingen ännu'}.`,
    );
  }

  heading('Samverkan', 'H2');
  if (detail.meetings.length === 0) paragraph('Inga möten.');
  for (const m of detail.meetings) {
    paragraph(
      `${labelSv('meetingKinds', m.kind)} ${m.heldOn}: ${m.participants.map((p) => `${p.name} (${p.organisationName ?? labelSv('organisationTypes', p.organisationType)})${p.rating ? `, betyg ${p.rating}` : ''}`).join('; ')}.`,
    );
    if (m.sharedPlan) paragraph(`Gemensam plan: ${m.sharedPlan}`);
  }

  if (detail.handovers.length > 0) {
    heading('Överlämning', 'H2');
    for (const h of detail.handovers) paragraph(`${h.preparedOn} till ${h.toSchoolUnitName ?? '–'}: ${h.summary}`);
  }
}
