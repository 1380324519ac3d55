/**
 * Why a message was not sent (held or withdrawn): stable codes stored on the outbox row and shown
 * to staff in their language (web i18n `messageReasons.*`). EMPTY_PLACEHOLDER carries the field
 * names after a colon.
 */
export const MESSAGE_REASONS = [
  'EMPTY_PLACEHOLDER',
  'NO_CONTACT_CHANNEL',
  'ABSENCE_NOW_VALID',
  'DAY_PASSED',
  'OUTDATED_REPLAY',
  'OUTDATED_MONTH',
  'DUPLICATE_OF_SAME_DAY_NOTICE',
  'DUPLICATE_OF_MONTHLY_NOTICE',
  'DUPLICATE_OF_INVESTIGATION_NOTICE',
] as const;
export type MessageReason = (typeof MESSAGE_REASONS)[number];
