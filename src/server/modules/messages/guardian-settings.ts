/** The organiser's guardian settings, falling back to the configured defaults. */
import { eq, sql } from 'drizzle-orm';
import { schema, type Tx } from '../../db/client.js';
import type { MessageConfig } from '../../config.js';

export type SameDayNoticePolicy = 'atTime' | 'immediate';

/** When the same-day notice goes out (docs/messages.md). */
export interface SameDayNoticeSettings {
  sameDayNoticePolicy: SameDayNoticePolicy;
  /** HH:MM Europe/Stockholm, for 'atTime'. */
  sameDayNoticeTime: string;
  /** For 'immediate': minutes the notice waits after the confirmation, so a correction or a guardian's report withdraws it. */
  sameDayNoticeGraceMinutes: number;
}

export interface GuardianSettings extends SameDayNoticeSettings {
  noticeEmail: string | null;
  leaveMentorLimitDays: number;
  reportPastDays: number;
}

/** Default grace for 'immediate': long enough for a teacher to correct a slip, short enough to be news. */
export const DEFAULT_SAME_DAY_GRACE_MINUTES = 10;

type SettingsRow = typeof schema.guardianSettings.$inferSelect | undefined;
/** The stored same-day columns (null: the configured default). */
type SameDayRow = Partial<Pick<NonNullable<SettingsRow>, keyof SameDayNoticeSettings>> | null | undefined;

function sameDayOf(row: SameDayRow, config: Pick<MessageConfig, 'sameDayNoticeTime'>): SameDayNoticeSettings {
  return {
    sameDayNoticePolicy: row?.sameDayNoticePolicy ?? 'atTime',
    sameDayNoticeTime: row?.sameDayNoticeTime ?? config.sameDayNoticeTime,
    sameDayNoticeGraceMinutes: row?.sameDayNoticeGraceMinutes ?? DEFAULT_SAME_DAY_GRACE_MINUTES,
  };
}

const findRow = async (tx: Tx, organiserId: string): Promise<SettingsRow> =>
  (await tx.select().from(schema.guardianSettings).where(eq(schema.guardianSettings.organiserId, organiserId)))[0];

export async function loadGuardianSettings(
  tx: Tx,
  organiserId: string,
  config: MessageConfig,
): Promise<GuardianSettings> {
  const row = await findRow(tx, organiserId);
  return {
    noticeEmail: row?.noticeEmail ?? config.organiserNoticeEmail ?? null,
    leaveMentorLimitDays: row?.leaveMentorLimitDays ?? config.leaveMentorLimitDays,
    reportPastDays: row?.reportPastDays ?? config.absenceReportPastDays,
    ...sameDayOf(row, config),
  };
}

export async function loadSameDayNoticeSettings(
  tx: Tx,
  organiserId: string,
  config: Pick<MessageConfig, 'sameDayNoticeTime'>,
): Promise<SameDayNoticeSettings> {
  return sameDayOf(await findRow(tx, organiserId), config);
}

/**
 * The organiser's stored same-day columns as one JSON value (null without a row), for a caller to
 * read with its other facts in one statement; sameDayNoticeSettingsOf turns it into the settings.
 */
export const sameDaySettingsColumn = (organiserId: string) =>
  sql`(select json_build_object('sameDayNoticePolicy', gs.same_day_notice_policy, 'sameDayNoticeTime', gs.same_day_notice_time,
    'sameDayNoticeGraceMinutes', gs.same_day_notice_grace_minutes) from guardian_settings gs where gs.organiser_id = ${organiserId})`;

export const sameDayNoticeSettingsOf = (
  stored: SameDayRow,
  config: Pick<MessageConfig, 'sameDayNoticeTime'>,
): SameDayNoticeSettings => sameDayOf(stored, config);
