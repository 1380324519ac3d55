/** Schema building blocks shared by the API and the web client. */
import { Type, type Static } from 'typebox';

// `format: 'date'` rejects impossible dates (2026-02-30) that match the pattern; years 1900–2099 keep
// date ranges (and the work they cause) bounded.
export const IsoDate = Type.String({
  pattern: '^(19|20)\\d{2}-\\d{2}-\\d{2}$',
  format: 'date',
  description: 'Local date YYYY-MM-DD (Europe/Stockholm), years 1900–2099',
});
export const Uuid = Type.String({ format: 'uuid' });

export const ErrorResponse = Type.Object({
  error: Type.String({ description: 'Stable UPPER_SNAKE error code (docs/errors.md)' }),
  message: Type.String({ description: 'Human-readable, Swedish' }),
  details: Type.Optional(Type.Unknown()),
});
export type ErrorResponse = Static<typeof ErrorResponse>;

export const DateRangeQuery = Type.Object({ from: IsoDate, to: IsoDate });
export type DateRangeQuery = Static<typeof DateRangeQuery>;

/** The id of what a POST created. */
export const Created = Type.Object({ id: Uuid });
