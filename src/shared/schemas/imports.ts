/** SS12000 imports and the scheduled SS12000 sync (API contract). */
import { Type, type Static } from 'typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** One problem in an SS12000 import. */
export const ImportProblem = Type.Object({
  /** File name, e.g. `persons.json`. */
  file: Type.String(),
  /** Position of the record in the file's list, or null for the file as a whole. */
  index: Nullable(Type.Integer()),
  id: Nullable(Type.String()),
  /** JSON path inside the record, e.g. `civicNo.value`. */
  field: Type.String(),
  /** Stable code, e.g. CIVIC_NO_CHECKSUM, UNKNOWN_REFERENCE. */
  code: Type.String(),
  /** Swedish explanation; never contains civic numbers or names. */
  message: Type.String(),
});
export type ImportProblem = Static<typeof ImportProblem>;

/** Result of an SS12000 import (also in `details` of a 422 when rejected). */
export const ImportReport = Type.Object({
  importId: Type.String(),
  status: Type.Union([Type.Literal('applied'), Type.Literal('rejected')]),
  organiserId: Nullable(Type.String()),
  counts: Type.Record(Type.String(), Type.Number()),
  problems: Type.Array(ImportProblem),
  durationMs: Type.Number(),
});
export type ImportReport = Static<typeof ImportReport>;

/**
 * One earlier import. GET /api/imports still declares its rows as open records (`ImportList`);
 * this is their shape.
 */
export const ImportRun = Type.Object({
  id: Type.String(),
  status: Type.String(),
  startedAt: Type.String(),
  finishedAt: Nullable(Type.String()),
  report: Nullable(ImportReport),
});
export type ImportRun = Static<typeof ImportRun>;
export const ImportList = Type.Object({ imports: Type.Array(Type.Record(Type.String(), Type.Unknown())) });

/** One SS12000 sync run's report (docs/ss12000-sync.md); stored as JSON, so `SyncSettings` declares it open. */
export const SyncRunReport = Type.Object({
  status: Type.Union([Type.Literal('applied'), Type.Literal('rejected'), Type.Literal('failed')]),
  mode: Type.Union([Type.Literal('full'), Type.Literal('incremental')]),
  startedAt: Type.String(),
  fetched: Type.Record(Type.String(), Type.Number()),
  import: Nullable(ImportReport),
  error: Nullable(Type.Object({ code: Type.String(), message: Type.String() })),
});
export type SyncRunReport = Static<typeof SyncRunReport>;

const AuthMethod = Type.Union([Type.Literal('body'), Type.Literal('basic')]);

/** The sync connection as the browser sees it: never the secret. */
export const SyncSettings = Type.Object({
  baseUrl: Type.String(),
  tokenUrl: Type.String(),
  clientId: Type.String(),
  authMethod: AuthMethod,
  scheduleTime: Nullable(Type.String()),
  hasSecret: Type.Boolean(),
  lastRunAt: Nullable(Type.String()),
  lastStatus: Nullable(Type.String()),
  lastReport: Nullable(Type.Record(Type.String(), Type.Unknown())),
});
export type SyncSettings = Static<typeof SyncSettings>;
export const SyncSettingsResponse = Type.Object({ settings: Nullable(SyncSettings) });
export const SavedSyncSettings = Type.Object({ settings: SyncSettings });
export const SyncStarted = Type.Object({ isStarted: Type.Boolean() });

const HttpUrl = Type.String({ pattern: '^https?://[^\\s]+$', maxLength: 500 });
export const SaveSyncSettingsBody = Type.Object(
  {
    baseUrl: HttpUrl,
    tokenUrl: HttpUrl,
    clientId: Type.String({ minLength: 1, maxLength: 200 }),
    authMethod: AuthMethod,
    scheduleTime: Nullable(Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' })),
    clientSecret: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type SaveSyncSettingsBody = Static<typeof SaveSyncSettingsBody>;
