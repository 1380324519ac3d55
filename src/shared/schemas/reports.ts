/** Registration completeness and school units. */
import { Type, type Static } from 'typebox';
import { IsoDate, Uuid } from './common.js';

export const CompletenessQuery = Type.Object({ from: IsoDate, to: IsoDate, schoolUnitId: Type.Optional(Uuid) });
export const CompletenessRow = Type.Object({
  id: Type.String(),
  name: Type.String(),
  lessons: Type.Integer(),
  confirmed: Type.Integer(),
  share: Type.Union([Type.Number(), Type.Null()]),
});
export type CompletenessRow = Static<typeof CompletenessRow>;
export const CompletenessResponse = Type.Object({
  from: IsoDate,
  to: IsoDate,
  schoolUnits: Type.Array(CompletenessRow),
  teachers: Type.Array(Type.Intersect([CompletenessRow, Type.Object({ schoolUnitName: Type.String() })])),
});
export type CompletenessResponse = Static<typeof CompletenessResponse>;

export const SchoolUnit = Type.Object({
  id: Uuid,
  name: Type.String(),
  schoolUnitCode: Type.Union([Type.String(), Type.Null()]),
});
export const SchoolUnitsResponse = Type.Object({
  schoolUnits: Type.Array(SchoolUnit),
  groups: Type.Array(Type.Object({ id: Uuid, name: Type.String(), schoolUnitId: Uuid })),
});
export type SchoolUnitsResponse = Static<typeof SchoolUnitsResponse>;

export const REASON_CODES = [
  { code: 'reported', label: 'Anmäld frånvaro' },
  { code: 'leave', label: 'Beviljad ledighet' },
  { code: 'illnessDuringDay', label: 'Hemgång under dagen (vårdnadshavare kontaktad)' },
  { code: 'studentHealth', label: 'Besök hos elevhälsan' },
  { code: 'approvedAppointment', label: 'Annan godkänd tid' },
] as const;

/** A reason is a code from the list, never free text (a health detail must not travel as a reason). */
export const isReasonCode = (code: string): boolean => REASON_CODES.some((r) => r.code === code);
