/**
 * A small declarative description of SS12000 record shapes, so every file is validated by the
 * same walker from a table instead of hand-written checks per field.
 */

/** Entities other records point at; also the names of the files that define them. */
export type ReferenceKind = 'organisations' | 'persons' | 'groups' | 'duties' | 'activities' | 'calendarEvents';

export type ValueSpec =
  /** `maxLength` for identifiers that end up in an index (a btree entry holds at most ~2.7 kB). */
  | { type: 'string'; maxLength?: number }
  | { type: 'uuid' }
  | { type: 'date' }
  | { type: 'dateTime' }
  | { type: 'boolean' }
  | { type: 'integer'; min: number; max: number }
  /** An integer or a string of digits, e.g. a kommunkod given either way. */
  | { type: 'digits'; maxLength: number }
  | { type: 'enum'; values: readonly string[] }
  /** SS12000 `civicNo` object `{ value, nationality }`; a Swedish number must pass the personnummer rules. */
  | { type: 'civicNo' }
  /** An SS12000 reference object `{ id }` that must resolve to a `to` record. */
  | { type: 'ref'; to: ReferenceKind }
  /** A bare uuid that must resolve to a `to` record. */
  | { type: 'refId'; to: ReferenceKind }
  | ObjectSpec
  | { type: 'array'; of: ValueSpec; minItems: number /** `of` as a required field, made once. */; item: FieldSpec };

export interface ObjectSpec {
  type: 'object';
  fields: Readonly<Record<string, FieldSpec>>;
  /** `fields` as entries, made once: the walker visits millions of records. */
  entries: readonly (readonly [string, FieldSpec])[];
  /** Pairs of [start, end] fields where the end may not come before the start. */
  ranges: readonly (readonly [string, string])[];
}

export interface FieldSpec {
  spec: ValueSpec;
  /** Required by Närvaro: a subset of the SS12000 required fields plus what the tables need. */
  isRequired: boolean;
}

export const text: ValueSpec = { type: 'string' };
/** An identifier Närvaro indexes or matches sign-ins against (civic number, sign-in name, e-mail, term id). */
export const identifier: ValueSpec = { type: 'string', maxLength: 256 };
export const uuid: ValueSpec = { type: 'uuid' };
export const date: ValueSpec = { type: 'date' };
export const dateTime: ValueSpec = { type: 'dateTime' };
export const boolean: ValueSpec = { type: 'boolean' };
export const civicNo: ValueSpec = { type: 'civicNo' };
export const minutes: ValueSpec = { type: 'integer', min: 0, max: 100_000 };
export const integer = (min: number, max: number): ValueSpec => ({ type: 'integer', min, max });
export const digits = (maxLength: number): ValueSpec => ({ type: 'digits', maxLength });
export const oneOf = (values: readonly string[]): ValueSpec => ({ type: 'enum', values });
export const ref = (to: ReferenceKind): ValueSpec => ({ type: 'ref', to });
export const refId = (to: ReferenceKind): ValueSpec => ({ type: 'refId', to });
export const arrayOf = (of: ValueSpec, minItems = 0): ValueSpec => ({
  type: 'array',
  of,
  minItems,
  item: { spec: of, isRequired: true },
});
export const object = (
  fields: Record<string, FieldSpec>,
  ranges: readonly (readonly [string, string])[] = [],
): ObjectSpec => ({ type: 'object', fields, entries: Object.entries(fields), ranges });
export const required = (spec: ValueSpec): FieldSpec => ({ spec, isRequired: true });
export const optional = (spec: ValueSpec): FieldSpec => ({ spec, isRequired: false });

/** The usual SS12000 validity interval. */
export const DATE_RANGE = [['startDate', 'endDate']] as const;
