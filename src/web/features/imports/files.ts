/** The SS12000 files an import takes, by exact file name. */
export const IMPORT_FILE_NAMES = [
  'organisations.json',
  'persons.json',
  'groups.json',
  'duties.json',
  'activities.json',
  'calendarEvents.json',
  'attendances.json',
  'absences.json',
  'schoolCalendar.json',
] as const;

/** Selected files split into known and unexpected names, and the known names not selected. */
export function checkFiles(files: File[]): { known: File[]; unknown: File[]; missing: string[] } {
  const names = new Set<string>(IMPORT_FILE_NAMES);
  const known = files.filter((file) => names.has(file.name));
  const unknown = files.filter((file) => !names.has(file.name));
  const chosen = new Set(known.map((file) => file.name));
  return { known, unknown, missing: IMPORT_FILE_NAMES.filter((name) => !chosen.has(name)) };
}
