/** The organiser's guardian settings (notice address, leave limit, report days, same-day notices), with its audit event. */
import { schema, type Tx } from '../../../db/client.js';
import { type AuditContext, writeAuditEvent } from '../../../audit/write-audit-event.js';
import type { MessageConfig } from '../../../config.js';
import { rescheduleSameDayNotices } from '../same-day-notices.js';
import { loadSameDayNoticeSettings } from '../guardian-settings.js';

export interface GuardianSettingsInput {
  noticeEmail: string | null;
  leaveMentorLimitDays: number;
  reportPastDays: number;
  /** Left out: kept as they are. */
  sameDayNoticePolicy?: 'atTime' | 'immediate';
  sameDayNoticeTime?: string;
  sameDayNoticeGraceMinutes?: number;
}

export async function saveGuardianSettings(
  tx: Tx,
  ctx: AuditContext,
  input: GuardianSettingsInput,
  now: Date,
  config: Pick<MessageConfig, 'sameDayNoticeTime'>,
): Promise<void> {
  const before = await loadSameDayNoticeSettings(tx, ctx.organiserId, config);
  const values = { ...input, updatedAt: now };
  await tx
    .insert(schema.guardianSettings)
    .values({ organiserId: ctx.organiserId, ...values })
    .onConflictDoUpdate({ target: [schema.guardianSettings.organiserId], set: values });
  const after = await loadSameDayNoticeSettings(tx, ctx.organiserId, config);
  // Only a change of when the notice goes moves today's waiting notices.
  if (JSON.stringify(after) !== JSON.stringify(before)) await rescheduleSameDayNotices(tx, ctx.organiserId, now, after);
  await writeAuditEvent(tx, ctx, {
    type: 'message.save-settings',
    data: {
      // Whether an address is set, not the address itself.
      noticeEmail: input.noticeEmail !== null,
      leaveMentorLimitDays: input.leaveMentorLimitDays,
      reportPastDays: input.reportPastDays,
      ...(input.sameDayNoticePolicy ? { sameDayNoticePolicy: input.sameDayNoticePolicy } : {}),
      ...(input.sameDayNoticeTime ? { sameDayNoticeTime: input.sameDayNoticeTime } : {}),
      ...(input.sameDayNoticeGraceMinutes !== undefined
        ? { sameDayNoticeGraceMinutes: input.sameDayNoticeGraceMinutes }
        : {}),
    },
  });
}
