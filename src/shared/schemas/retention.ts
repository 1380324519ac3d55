/** Retention API shapes. */
import { Type, type Static } from 'typebox';
import { IsoDate } from './common.js';

const Months = Type.Integer({ description: 'Months kept' });

export const RetentionPolicyBody = Type.Object(
  {
    absenceCommentsMonths: Months,
    registrationsAfterLeavingMonths: Months,
    messagesMonths: Months,
    auditEventsMonths: Months,
  },
  { additionalProperties: false },
);
export type RetentionPolicyBody = Static<typeof RetentionPolicyBody>;

const Rule = Type.Object({
  key: Type.String(),
  label: Type.String(),
  months: Type.Integer(),
  defaultMonths: Type.Integer(),
  minMonths: Type.Integer(),
  maxMonths: Type.Integer(),
});

export const RetentionPolicyResponse = Type.Object({
  rules: Type.Array(Rule),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
});
export type RetentionPolicyResponse = Static<typeof RetentionPolicyResponse>;

const Counts = Type.Record(Type.String(), Type.Integer());

export const RetentionPreviewResponse = Type.Object({
  today: IsoDate,
  cutoffs: Type.Object({ commentsBefore: IsoDate, leftBefore: IsoDate, messagesBefore: IsoDate, auditBefore: IsoDate }),
  counts: Counts,
});
export type RetentionPreviewResponse = Static<typeof RetentionPreviewResponse>;
