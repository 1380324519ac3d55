/**
 * The board report for a period: built from the same service functions as the views (organiser
 * statistics, months, registration completeness, case figures), rendered as a tagged PDF. On a
 * schedule (or when asked to keep it) the PDF is stored for download, audited in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { schema, inSequence, type Tx } from '../../../db/client.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { completenessBySchoolUnit } from '../../reports/completeness.js';
import { buildMonthlyStatistics, buildOrganiserStatistics } from '../statistics.service.js';
import { findOrganiserName } from '../statistics.repo.js';
import { renderBoardReport } from '../board-report.js';

export interface BoardReportRequest {
  from: string;
  to: string;
  text?: string;
  minCoverage?: number;
  listRuleShare?: number;
}

export async function buildBoardReportPdf(
  tx: Tx,
  organiserId: string,
  request: BoardReportRequest,
  today: string,
  compress = true,
  now = new Date(),
): Promise<Buffer> {
  const completedTo = request.to < today ? request.to : today;
  const [statistics, months, completeness, organiserName] = await inSequence(
    () => buildOrganiserStatistics(tx, organiserId, { ...request, today }),
    () => buildMonthlyStatistics(tx, organiserId, 'all', request),
    () => completenessBySchoolUnit(tx, organiserId, request.from, completedTo, 'all', now),
    () => findOrganiserName(tx, organiserId),
  );
  return renderBoardReport({
    organiserName,
    statistics,
    months,
    text: request.text,
    compress,
    completeness: new Map(completeness.map((c) => [c.id, c.lessons > 0 ? c.confirmed / c.lessons : null])),
  });
}

/** Renders and stores the report; returns its id. */
export async function generateBoardReport(
  tx: Tx,
  ctx: AuditContext,
  request: BoardReportRequest,
  origin: 'scheduled' | 'onDemand',
  today: string,
): Promise<string> {
  const pdf = await buildBoardReportPdf(tx, ctx.organiserId, request, today);
  const id = randomUUID();
  await tx.insert(schema.boardReports).values({
    organiserId: ctx.organiserId,
    id,
    periodFrom: request.from,
    periodTo: request.to,
    origin,
    pdfBase64: pdf.toString('base64'),
    meta: { bytes: pdf.length },
  });
  await writeAuditEvent(tx, ctx, {
    type: 'statistics.generate-board-report',
    data: { boardReportId: id, from: request.from, to: request.to, origin },
  });
  return id;
}
