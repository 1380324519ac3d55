/** The organiser's guardian settings, falling back to the configured defaults. */
import { eq } from 'drizzle-orm';
import { schema, type Tx } from '../../db/client.js';
import type { MessageConfig } from '../../config.js';

export interface GuardianSettings { noticeEmail: string | null; leaveMentorLimitDays: number; reportPastDays: number }

export async function loadGuardianSettings(tx: Tx, organiserId: string, config: MessageConfig): Promise<GuardianSettings> {
  const [row] = await tx.select().from(schema.guardianSettings).where(eq(schema.guardianSettings.organiserId, organiserId));
  return {
    noticeEmail: row?.noticeEmail ?? config.organiserNoticeEmail ?? null,
    leaveMentorLimitDays: row?.leaveMentorLimitDays ?? config.leaveMentorLimitDays,
    reportPastDays: row?.reportPastDays ?? config.absenceReportPastDays,
  };
}
