/** Schema building blocks shared by the API and the web client. */
import { Type, type Static } from 'typebox';

export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Local date YYYY-MM-DD (Europe/Stockholm)' });
export const Uuid = Type.String({ format: 'uuid' });

export const ErrorResponse = Type.Object({
  error: Type.String({ description: 'Stable UPPER_SNAKE error code (docs/errors.md)' }),
  message: Type.String({ description: 'Human-readable, Swedish' }),
  details: Type.Optional(Type.Unknown()),
});
export type ErrorResponse = Static<typeof ErrorResponse>;

export const DateRangeQuery = Type.Object({ from: IsoDate, to: IsoDate });
export type DateRangeQuery = Static<typeof DateRangeQuery>;
