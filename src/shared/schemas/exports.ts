/** The organiser's full data export (API contract). */
import { Type, type Static } from 'typebox';

/** The result of a finished export job. */
export const ExportResult = Type.Object({
  fileName: Type.String(),
  bytes: Type.Integer(),
  /** Records per file in the archive. */
  files: Type.Record(Type.String(), Type.Integer()),
  downloadPath: Type.String(),
});
export type ExportResult = Static<typeof ExportResult>;

export const StartExportRequest = Type.Object(
  { includeCases: Type.Boolean({ description: 'Include case data (ärenden); the UI warns first' }) },
  { additionalProperties: false },
);
