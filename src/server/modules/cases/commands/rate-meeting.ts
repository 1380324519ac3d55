import { and, eq, sql } from 'drizzle-orm';
import { schema, type Tx } from '../../../db/client.js';
import { AppError, notFound } from '../../../errors.js';
import { writeAuditEvent, type AuditContext } from '../../../audit/write-audit-event.js';
import { subjectOf, type CaseRef } from '../case-ref.js';

/** Records participants' ratings of a meeting (SIP-kollen: how useful was it, 1–5); a new rating replaces the old. */
export async function rateMeeting(
  tx: Tx,
  ctx: AuditContext,
  c: CaseRef,
  meetingId: string,
  ratings: { participantKey: string; rating: number }[],
): Promise<void> {
  const [meeting] = await tx
    .select({ participants: schema.caseMeetings.participants })
    .from(schema.caseMeetings)
    .where(
      and(
        eq(schema.caseMeetings.organiserId, ctx.organiserId),
        eq(schema.caseMeetings.caseId, c.id),
        eq(schema.caseMeetings.id, meetingId),
      ),
    );
  if (!meeting) throw notFound('NOT_FOUND', 'Mötet hittades inte.');
  const keys = new Set(meeting.participants.map((p) => p.key));
  const bad = ratings.map((r, i) => ({ r, i })).filter(({ r }) => !keys.has(r.participantKey));
  if (bad.length > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      'Okänd deltagare.',
      bad.map(({ i }) => ({ path: `/ratings/${i}/participantKey`, message: 'Finns inte bland deltagarna.' })),
    );
  await tx
    .insert(schema.caseMeetingRatings)
    .values(
      ratings.map((r) => ({
        organiserId: ctx.organiserId,
        meetingId,
        participantKey: r.participantKey,
        rating: r.rating,
        recordedByUserId: ctx.actorUserId,
      })),
    )
    .onConflictDoUpdate({
      target: [
        schema.caseMeetingRatings.organiserId,
        schema.caseMeetingRatings.meetingId,
        schema.caseMeetingRatings.participantKey,
      ],
      set: {
        rating: sql`excluded.rating`,
        recordedByUserId: sql`excluded.recorded_by_user_id`,
        recordedAt: sql`now()`,
      },
    });
  await writeAuditEvent(tx, ctx, {
    type: 'case.rate-meeting',
    ...subjectOf(c),
    data: { meetingId, ratings: ratings.length },
  });
}
