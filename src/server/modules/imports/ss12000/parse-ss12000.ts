/**
 * Validation and normalisation of an SS12000 v2.1 export (plus Närvaro's school calendar file).
 * Pure: no database. Every problem is reported with file, index, id and field, and the records
 * come out as rows for the drizzle tables (without `organiserId`, which the writer adds).
 *
 * Files are read in dependency order (organisations before persons before groups …), so a
 * reference can be checked the moment it is read; only references within the same file (a
 * guardian listed after the pupil, a parent organisation after its child) wait for the file's end.
 * Records are consumed one at a time and never kept, so a streamed file of millions of
 * attendance records costs memory only for what is stored.
 */
import { localDateOf } from '../../../../shared/dates/index.js';
import type * as schema from '../../../db/schema.js';
import { checkCivicNo, isDate, isUuid, parseDateTime } from './checks.js';
import { Ss12000FileError } from './json-data-file.js';
import {
  identifier,
  object,
  optional,
  required,
  text,
  type FieldSpec,
  type ObjectSpec,
  type ReferenceKind,
  type ValueSpec,
} from './record-spec.js';
import {
  ADDRESS_FIELDS,
  RECORD_SPECS,
  type AbsenceRecord,
  type AddressRecord,
  type ActivityRecord,
  type AttendanceRecord,
  type CalendarEventRecord,
  type DayOffRecord,
  type DutyRecord,
  type GroupRecord,
  type OrganisationRecord,
  type PersonRecord,
  type TermRecord,
} from './ss12000-records.js';

export type { ReferenceKind } from './record-spec.js';

/** The files of an import, in the order they are validated (references point backwards). */
export const SS12000_FILE_NAMES = [
  'organisations',
  'persons',
  'groups',
  'duties',
  'activities',
  'calendarEvents',
  'attendances',
  'absences',
  'schoolCalendar',
] as const;

export type Ss12000FileName = (typeof SS12000_FILE_NAMES)[number];

/**
 * Parsed files: `{ "data": [ … ] }` per SS12000 file (a bare array is accepted too, and `data` may
 * be any iterable such as a streamed {@link JsonDataFile}); `schoolCalendar` is the plain object
 * `{ terms, daysOff }`.
 */
export type Ss12000Files = Partial<Record<Ss12000FileName, unknown>>;

/** One problem found in an import, for the report shown to the administrator (a type alias, so it fits JSON schemas). */
export type ImportProblem = {
  /** File name, e.g. `persons.json`. */
  file: string;
  /** Position of the record in the file's list, or null for the file as a whole. */
  index: number | null;
  /** The record's id when it has one. */
  id: string | null;
  /** JSON path inside the record, e.g. `civicNo.value`, `groupMemberships[2].person.id`. */
  field: string;
  /** Stable code, e.g. CIVIC_NO_CHECKSUM, UNKNOWN_REFERENCE. */
  code: string;
  /** Swedish explanation; never contains civic numbers or names. */
  message: string;
};

/**
 * Ids already in the database for this organiser, so an import of only some files (say, a day's
 * attendance) can refer to records imported earlier.
 */
export interface KnownIds {
  organisations?: ReadonlySet<string>;
  persons?: ReadonlySet<string>;
  groups?: ReadonlySet<string>;
  duties?: ReadonlySet<string>;
  /** Activity id → its school unit id: a lesson belongs to its activity's school unit. */
  activities?: ReadonlyMap<string, string>;
  calendarEvents?: ReadonlySet<string>;
}

/** A row of a drizzle table as the importer produces it; the writer adds the organiser. */
export type ImportRow<T extends { $inferInsert: object }> = Omit<T['$inferInsert'], 'organiserId'>;

/** Parents whose child collection the import states in full: other children of theirs are removed. */
export interface ReplacedCollections {
  enrolments: string[];
  responsibles: string[];
  groupMemberships: string[];
  dutyAssignments: string[];
  activityGroups: string[];
  activityTeachers: string[];
  lessonTeachers: string[];
  lessonStudentExceptions: string[];
}

/** The import as table rows. */
export interface NormalizedImport {
  /** The huvudman: the one `Huvudman` organisation, or the caller's organiser id. */
  organiserId: string | null;
  organisations: ImportRow<typeof schema.organisations>[];
  persons: ImportRow<typeof schema.persons>[];
  enrolments: ImportRow<typeof schema.enrolments>[];
  responsibles: ImportRow<typeof schema.responsibles>[];
  groups: ImportRow<typeof schema.groups>[];
  groupMemberships: ImportRow<typeof schema.groupMemberships>[];
  duties: ImportRow<typeof schema.duties>[];
  dutyAssignments: ImportRow<typeof schema.dutyAssignments>[];
  activities: ImportRow<typeof schema.activities>[];
  activityGroups: ImportRow<typeof schema.activityGroups>[];
  activityTeachers: ImportRow<typeof schema.activityTeachers>[];
  lessons: ImportRow<typeof schema.lessons>[];
  lessonTeachers: ImportRow<typeof schema.lessonTeachers>[];
  lessonStudentExceptions: ImportRow<typeof schema.lessonStudentExceptions>[];
  attendanceMarks: ImportRow<typeof schema.attendanceMarks>[];
  lessonConfirmations: ImportRow<typeof schema.lessonConfirmations>[];
  absences: ImportRow<typeof schema.absences>[];
  terms: ImportRow<typeof schema.terms>[];
  daysOff: ImportRow<typeof schema.daysOff>[];
  replaces: ReplacedCollections;
}

/** Result of {@link validateSs12000}. */
export interface ValidationResult {
  records: NormalizedImport;
  /** Sorted by file (in import order), then record. Empty means the import may be applied. */
  problems: ImportProblem[];
  /** Referenced ids found neither in the import nor in `knownIds`: look these up and validate again. */
  unresolvedReferences: Partial<Record<ReferenceKind, string[]>>;
  /** Records read per file (`persons.json` → 812). */
  recordCounts: Record<string, number>;
}

export interface ValidateOptions {
  /** The organiser the caller imports for; required when organisations.json is absent. */
  organiserId?: string;
  onProgress?: (progress: { phase: string; done: number; total: number }) => void;
}

interface Location {
  file: string;
  index: number | null;
  id: string | null;
}

/** What the validator remembers about a lesson of this import, for its attendance records. */
interface LessonInfo {
  teachingMinutes: number;
  clockMinutes: number;
}

const KIND_NAMES: Record<ReferenceKind, string> = {
  organisations: 'organisationen',
  persons: 'personen',
  groups: 'gruppen',
  duties: 'tjänstgöringen',
  activities: 'aktiviteten',
  calendarEvents: 'kalenderhändelsen',
};

const MINUTE_MS = 60_000;
const PROGRESS_EVERY = 50_000;
/** Record ids longer than this are not ids and are left out of the report. */
const MAX_QUOTED_LENGTH = 40;

/**
 * Validates an SS12000 import and turns it into table rows.
 * @param files parsed files by name; absent files are simply not imported
 * @param knownIds ids already in the database that references may point at
 * @returns rows, every problem found, and the references that resolved nowhere
 */
export function validateSs12000(
  files: Ss12000Files,
  knownIds: KnownIds = {},
  options: ValidateOptions = {},
): ValidationResult {
  return new Ss12000Validator(knownIds, options).run(files);
}

class Ss12000Validator {
  private readonly problems: ImportProblem[] = [];
  private readonly recordCounts: Record<string, number> = {};
  private readonly out: NormalizedImport = {
    organiserId: null,
    organisations: [],
    persons: [],
    enrolments: [],
    responsibles: [],
    groups: [],
    groupMemberships: [],
    duties: [],
    dutyAssignments: [],
    activities: [],
    activityGroups: [],
    activityTeachers: [],
    lessons: [],
    lessonTeachers: [],
    lessonStudentExceptions: [],
    attendanceMarks: [],
    lessonConfirmations: [],
    absences: [],
    terms: [],
    daysOff: [],
    replaces: {
      enrolments: [],
      responsibles: [],
      groupMemberships: [],
      dutyAssignments: [],
      activityGroups: [],
      activityTeachers: [],
      lessonTeachers: [],
      lessonStudentExceptions: [],
    },
  };
  /** Ids defined by this import; the value is what later files need to know about the record. */
  private readonly defined = {
    organisations: new Map<string, true>(),
    persons: new Map<string, true>(),
    groups: new Map<string, true>(),
    duties: new Map<string, true>(),
    activities: new Map<string, string | null>(),
    calendarEvents: new Map<string, LessonInfo | null>(),
  } satisfies Record<ReferenceKind, Map<string, unknown>>;
  private readonly unresolved = new Map<ReferenceKind, Set<string>>();
  /** References to records of the file being read that may still follow (forward references). */
  private pending: { kind: ReferenceKind; id: string; field: string; at: Location }[] = [];
  private currentKind: ReferenceKind | null = null;
  private readonly huvudmen: { id: string; at: Location }[] = [];
  /** One string per distinct id or date, so millions of presence entries share a few thousand strings. */
  private readonly strings = new Map<string, string>();
  /**
   * Lesson → pupil → index of the record, to catch two records for one pupil and lesson. Keyed by
   * the interned ids (no per-record key string): every record of a large import passes here.
   */
  private readonly markSources = new Map<string, Map<string, number>>();
  /** `lessonId|personId` → that pupil's teaching length from a student exception. */
  private readonly pupilLengths = new Map<string, number>();
  private readonly confirmedLessons = new Set<string>();
  /** Keys seen per list that defines no referenceable ids (absence ids, terms, days off), for DUPLICATE_ID. */
  private readonly seenKeys = new Map<string, Set<string>>();
  private recordsRead = 0;

  constructor(
    private readonly known: KnownIds,
    private readonly options: ValidateOptions,
  ) {}

  run(files: Ss12000Files): ValidationResult {
    const present = SS12000_FILE_NAMES.filter((name) => files[name] !== undefined);
    present.forEach((name, done) => {
      this.options.onProgress?.({ phase: 'validate', done, total: present.length });
      if (name === 'schoolCalendar') this.readSchoolCalendar(files[name]);
      else this.readDataFile(name, files[name]);
    });
    this.options.onProgress?.({ phase: 'validate', done: present.length, total: present.length });
    this.settleOrganiser(files.organisations !== undefined);
    const order = new Map<string, number>(SS12000_FILE_NAMES.map((name, i) => [`${name}.json`, i]));
    const problems = this.problems
      .map((problem, position) => ({ problem, position }))
      .sort(
        (a, b) =>
          (order.get(a.problem.file) ?? -1) - (order.get(b.problem.file) ?? -1) ||
          (a.problem.index ?? -1) - (b.problem.index ?? -1) ||
          a.position - b.position,
      )
      .map(({ problem }) => problem);
    const unresolvedReferences: Partial<Record<ReferenceKind, string[]>> = {};
    for (const [kind, ids] of this.unresolved) unresolvedReferences[kind] = [...ids];
    return { records: this.out, problems, unresolvedReferences, recordCounts: this.recordCounts };
  }

  private readDataFile(name: Exclude<Ss12000FileName, 'schoolCalendar'>, content: unknown): void {
    const file = `${name}.json`;
    if (content instanceof Ss12000FileError) {
      this.problem({ file, index: content.index, id: null }, '', content.code, fileErrorMessage(content));
      return;
    }
    const records = Array.isArray(content) ? content : isObject(content) ? content.data : undefined;
    if (!isIterableList(records)) {
      this.problem(
        { file, index: null, id: null },
        'data',
        'NOT_AN_ARRAY',
        'Filen ska innehålla ett objekt med listan "data".',
      );
      return;
    }
    const spec = RECORD_SPECS[name];
    const definesKind = name === 'attendances' || name === 'absences' ? null : name;
    this.currentKind = definesKind;
    let index = 0;
    try {
      for (const record of records) {
        // Only a well-formed id is repeated in the report: anything else could be personal data in the wrong field.
        const id =
          isObject(record) && typeof record.id === 'string' && isUuid(record.id) ? record.id.toLowerCase() : null;
        const at: Location = { file, index, id };
        index++;
        this.tick();
        if (!isObject(record)) {
          this.problem(at, '', 'INVALID_TYPE', 'Posten är inte ett JSON-objekt.');
          continue;
        }
        if (id !== null && !this.claimId(name, id, at)) continue;
        const before = this.problems.length;
        this.checkObject(spec, record, '', at);
        if (this.problems.length === before && id !== null) this.normalize(name, record, id, at);
      }
    } catch (error) {
      if (!(error instanceof Ss12000FileError)) throw error;
      this.problem({ file, index: error.index, id: null }, '', error.code, fileErrorMessage(error));
    }
    this.recordCounts[file] = index;
    this.finishFile(name);
  }

  private readSchoolCalendar(content: unknown): void {
    const file = 'schoolCalendar.json';
    const at: Location = { file, index: null, id: null };
    if (content instanceof Ss12000FileError) {
      this.problem(at, '', content.code, fileErrorMessage(content));
      return;
    }
    if (!isObject(content)) {
      this.problem(at, '', 'INVALID_TYPE', 'Filen ska innehålla ett objekt med listorna "terms" och "daysOff".');
      return;
    }
    this.currentKind = null;
    let count = 0;
    for (const list of ['terms', 'daysOff'] as const) {
      const items = content[list];
      if (items === undefined) continue;
      if (!Array.isArray(items)) {
        this.problem(at, list, 'NOT_AN_ARRAY', `"${list}" ska vara en lista.`);
        continue;
      }
      items.forEach((item: unknown, index) => {
        count++;
        const itemAt: Location = { file, index, id: null };
        if (!isObject(item)) {
          this.problem(itemAt, `${list}[${index}]`, 'INVALID_TYPE', 'Posten är inte ett JSON-objekt.');
          return;
        }
        const before = this.problems.length;
        if (list === 'terms' && typeof item.id === 'string') itemAt.id = quoteId(item.id);
        this.checkObject(RECORD_SPECS[list], item, `${list}[${index}]`, itemAt);
        if (this.problems.length !== before) return;
        if (list === 'terms') this.readTerm(item as unknown as TermRecord, itemAt);
        else this.readDayOff(item as unknown as DayOffRecord, itemAt, index);
      });
    }
    this.recordCounts[file] = count;
  }

  /** Registers a record id; false (with a problem) when the file already had it. */
  private claimId(name: Exclude<Ss12000FileName, 'schoolCalendar'>, id: string, at: Location): boolean {
    // Attendance is keyed by (lesson, pupil) instead, checked in readAttendance: a set of millions
    // of attendance ids would cost more memory than the whole rest of the import.
    if (name === 'attendances') return true;
    const seen: { has(id: string): boolean } = name === 'absences' ? this.seenSet('absences') : this.defined[name];
    if (seen.has(id)) {
      this.problem(at, 'id', 'DUPLICATE_ID', `Id ${id} förekommer mer än en gång i filen.`);
      return false;
    }
    // Claimed before the record is checked, so references to a record with a problem do not add
    // a second, misleading problem.
    if (name === 'absences') this.seenSet('absences').add(id);
    else (this.defined[name] as Map<string, unknown>).set(id, null);
    return true;
  }

  private seenSet(name: string): Set<string> {
    let set = this.seenKeys.get(name);
    if (!set) this.seenKeys.set(name, (set = new Set()));
    return set;
  }

  private normalize(
    name: Exclude<Ss12000FileName, 'schoolCalendar'>,
    record: Record<string, unknown>,
    id: string,
    at: Location,
  ): void {
    switch (name) {
      case 'organisations':
        this.readOrganisation(record as unknown as OrganisationRecord, id, at);
        break;
      case 'persons':
        this.readPerson(record as unknown as PersonRecord, id, at);
        break;
      case 'groups':
        this.readGroup(record as unknown as GroupRecord, id, at);
        break;
      case 'duties':
        this.readDuty(record as unknown as DutyRecord, id, at);
        break;
      case 'activities':
        this.readActivity(record as unknown as ActivityRecord, id, at);
        break;
      case 'calendarEvents':
        this.readCalendarEvent(record as unknown as CalendarEventRecord, id, at);
        break;
      case 'attendances':
        this.readAttendance(record as unknown as AttendanceRecord, id, at);
        break;
      case 'absences':
        this.readAbsence(record as unknown as AbsenceRecord, id);
        break;
    }
  }

  // Structure checks, driven by the specs in ss12000-records.ts.

  private checkObject(spec: ObjectSpec, value: Record<string, unknown>, path: string, at: Location): void {
    for (const [key, field] of spec.entries) this.checkField(field, value[key], join(path, key), at);
    for (const [startKey, endKey] of spec.ranges) {
      const start = comparable(spec.fields[startKey], value[startKey]);
      const end = comparable(spec.fields[endKey], value[endKey]);
      if (start !== null && end !== null && end < start) {
        this.problem(
          at,
          join(path, endKey),
          'END_BEFORE_START',
          `${endKey} (${String(value[endKey])}) ligger före ${startKey} (${String(value[startKey])}).`,
        );
      }
    }
  }

  private checkField(field: FieldSpec, value: unknown, path: string, at: Location): void {
    if (
      value === undefined ||
      value === null ||
      (field.isRequired && typeof value === 'string' && value.trim() === '')
    ) {
      if (field.isRequired) this.problem(at, path, 'REQUIRED_FIELD_MISSING', `Obligatoriskt fält saknas: ${path}.`);
      return;
    }
    this.checkValue(field.spec, value, path, at);
  }

  private checkValue(spec: ValueSpec, value: unknown, path: string, at: Location): void {
    switch (spec.type) {
      case 'string':
        if (typeof value !== 'string') this.wrongType(at, path, 'text');
        // PostgreSQL text cannot hold NUL nor half a UTF-16 pair (a JSON "\ud800" escape), nor an
        // index entry this long; caught here, with the record named, rather than failing the write.
        else if (value.includes('\u0000') || LONE_SURROGATE.test(value))
          this.problem(
            at,
            path,
            'INVALID_TEXT',
            `${path} innehåller ett otillåtet tecken (nolltecken eller trasigt tecken).`,
          );
        else if (spec.maxLength !== undefined && value.length > spec.maxLength)
          this.problem(at, path, 'INVALID_TEXT', `${path} är för lång (högst ${spec.maxLength} tecken).`);
        return;
      case 'boolean':
        if (typeof value !== 'boolean') this.wrongType(at, path, 'true eller false');
        return;
      case 'uuid':
        if (typeof value !== 'string' || !isUuid(value))
          this.problem(at, path, 'INVALID_UUID', `${path} är inte ett giltigt UUID.`);
        return;
      case 'date':
        if (typeof value !== 'string' || !isDate(value))
          this.problem(at, path, 'INVALID_DATE', `${path} är inget giltigt datum (ÅÅÅÅ-MM-DD).`);
        return;
      case 'dateTime':
        if (typeof value !== 'string' || parseDateTime(value) === null) {
          this.problem(
            at,
            path,
            'INVALID_DATE',
            `${path} är ingen giltig tidpunkt med tidszon (RFC 3339, t.ex. 2026-01-12T08:00:00+01:00).`,
          );
        }
        return;
      case 'integer':
        if (!Number.isInteger(value) || (value as number) < spec.min || (value as number) > spec.max) {
          this.problem(at, path, 'INVALID_INTEGER', `${path} ska vara ett heltal från ${spec.min} till ${spec.max}.`);
        }
        return;
      case 'digits':
        if (
          (!(Number.isInteger(value) && (value as number) >= 0) &&
            !(typeof value === 'string' && /^\d+$/.test(value))) ||
          String(value).length > spec.maxLength
        ) {
          this.problem(
            at,
            path,
            'INVALID_INTEGER',
            `${path} ska vara en sifferkod med högst ${spec.maxLength} siffror.`,
          );
        }
        return;
      case 'enum':
        if (typeof value !== 'string' || !spec.values.includes(value)) {
          // The value itself is left out: a misplaced field may hold a name or a civic number.
          this.problem(
            at,
            path,
            'INVALID_ENUM',
            `${path} har ett värde som inte är tillåtet; tillåtna värden: ${spec.values.join(', ')}.`,
          );
        }
        return;
      case 'civicNo':
        this.checkCivicNo(value, path, at);
        return;
      case 'ref':
        if (!isObject(value)) {
          this.wrongType(at, path, 'ett objekt med id');
          return;
        }
        this.checkReference(spec.to, value.id, join(path, 'id'), at);
        return;
      case 'refId':
        this.checkReference(spec.to, value, path, at);
        return;
      case 'object':
        if (isObject(value)) this.checkObject(spec, value, path, at);
        else this.wrongType(at, path, 'ett objekt');
        return;
      case 'array':
        if (!Array.isArray(value)) {
          this.wrongType(at, path, 'en lista');
          return;
        }
        if (value.length < spec.minItems) {
          this.problem(at, path, 'REQUIRED_FIELD_MISSING', `${path} ska innehålla minst ${spec.minItems} post.`);
        }
        for (const [i, item] of value.entries()) this.checkField(spec.item, item, `${path}[${i}]`, at);
        return;
    }
  }

  private checkCivicNo(value: unknown, path: string, at: Location): void {
    if (!isObject(value)) {
      this.wrongType(at, path, 'ett objekt med value');
      return;
    }
    const before = this.problems.length;
    this.checkObject(CIVIC_NO_SHAPE, value, path, at);
    if (this.problems.length !== before || !isSwedish(value as PersonRecord['civicNo'])) return;
    const result = checkCivicNo(value.value as string);
    if (!result.isValid) this.problem(at, join(path, 'value'), result.code, CIVIC_NO_MESSAGES[result.code]);
  }

  private checkReference(kind: ReferenceKind, value: unknown, path: string, at: Location): void {
    if (value === undefined || value === null) {
      this.problem(at, path, 'REQUIRED_FIELD_MISSING', `Obligatoriskt fält saknas: ${path}.`);
      return;
    }
    if (typeof value !== 'string' || !isUuid(value)) {
      this.problem(at, path, 'INVALID_UUID', `${path} är inte ett giltigt UUID.`);
      return;
    }
    const id = value.toLowerCase();
    if (this.isResolved(kind, id)) return;
    if (kind === this.currentKind) this.pending.push({ kind, id, field: path, at });
    else this.unknownReference(kind, id, path, at);
  }

  private isResolved(kind: ReferenceKind, id: string): boolean {
    return this.defined[kind].has(id) || (this.known[kind]?.has(id) ?? false);
  }

  private unknownReference(kind: ReferenceKind, id: string, field: string, at: Location): void {
    let ids = this.unresolved.get(kind);
    if (!ids) this.unresolved.set(kind, (ids = new Set()));
    ids.add(id);
    this.problem(
      at,
      field,
      'UNKNOWN_REFERENCE',
      `${field} pekar på ${KIND_NAMES[kind]} ${id}, som varken finns i importen eller sedan tidigare.`,
    );
  }

  private finishFile(name: Ss12000FileName): void {
    for (const { kind, id, field, at } of this.pending) {
      if (!this.isResolved(kind, id)) this.unknownReference(kind, id, field, at);
    }
    this.pending = [];
    this.currentKind = null;
    if (name === 'attendances') this.finishAttendances();
  }

  // Normalisation of records that passed their checks.

  private readOrganisation(r: OrganisationRecord, id: string, at: Location): void {
    this.defined.organisations.set(id, true);
    if (r.organisationType === 'Huvudman') this.huvudmen.push({ id, at });
    this.out.organisations.push({
      id,
      displayName: nfc(r.displayName),
      organisationType: r.organisationType,
      schoolUnitCode: r.schoolUnitCode ?? null,
      parentId: r.parentOrganisation ? lower(r.parentOrganisation.id) : null,
      municipalityCode: r.municipalityCode ?? null,
      schoolTypes: r.schoolTypes ?? [],
      startDate: r.startDate ?? null,
      endDate: r.endDate ?? null,
    });
  }

  private readPerson(r: PersonRecord, id: string, at: Location): void {
    this.defined.persons.set(id, true);
    let civicNo: string | null = null;
    let birthDate = r.birthDate ?? null;
    if (r.civicNo && isSwedish(r.civicNo)) {
      // Valid: checked with the record. Checked again here for the century a stated birth date gives.
      const civic = checkCivicNo(r.civicNo.value, r.birthDate);
      if (civic.isValid) {
        civicNo = civic.normalized;
        birthDate ??= civic.birthDate;
      }
    } else if (r.civicNo) {
      civicNo = r.civicNo.value.trim();
    }
    const securityMarking = r.securityMarking ?? 'Ingen';
    const registered = r.addresses?.find(
      (a) => (a.type ?? 'Folkbokföring') === 'Folkbokföring' && a.municipalityCode !== undefined,
    );
    this.out.persons.push({
      id,
      givenName: nfc(r.givenName),
      familyName: nfc(r.familyName),
      civicNo,
      birthDate,
      sex: r.sex ?? null,
      securityMarking,
      homeMunicipalityCode: registered ? String(registered.municipalityCode).padStart(4, '0') : null,
      emails: (r.emails ?? []).map((e) => ({ value: e.value, ...(e.type ? { type: e.type } : {}) })),
      phoneNumbers: (r.phoneNumbers ?? []).map((p) => ({
        value: p.value,
        ...(p.type ? { type: p.type } : {}),
        ...(p.mobile !== undefined ? { mobile: p.mobile } : {}),
      })),
      // A protected identity's address must not be stored even if an exporter sends it (OSL 22:1).
      addresses: securityMarking === 'Skyddad folkbokföring' ? [] : (r.addresses ?? []).map(pickAddressFields),
      personStatus: r.personStatus ?? 'Aktiv',
      // What a staff member's sign-in claim is matched against (docs/authentication.md).
      eduPersonPrincipalNames: r.eduPersonPrincipalNames ?? [],
      externalIdentifiers: (r.externalIdentifiers ?? []).map((x) => ({
        value: x.value,
        ...(x.context ? { context: x.context } : {}),
      })),
    });
    if (r.enrolments) {
      this.out.replaces.enrolments.push(id);
      const enrolments = r.enrolments.filter((e) => !e.cancelled);
      this.uniqueChildren(
        enrolments,
        (e) => `${lower(e.enroledAt.id)}|${e.startDate}`,
        (i) => `enrolments[${i}].startDate`,
        at,
      );
      for (const e of enrolments) {
        this.out.enrolments.push({
          personId: id,
          schoolUnitId: lower(e.enroledAt.id),
          schoolType: e.schoolType,
          schoolYear: e.schoolYear ?? null,
          startDate: e.startDate,
          endDate: e.endDate ?? null,
        });
      }
    }
    if (r.responsibles) {
      this.out.replaces.responsibles.push(id);
      this.uniqueChildren(
        r.responsibles,
        (x) => lower(x.person.id),
        (i) => `responsibles[${i}].person.id`,
        at,
      );
      for (const x of r.responsibles)
        this.out.responsibles.push({ pupilId: id, guardianId: lower(x.person.id), relationType: x.relationType });
    }
  }

  private readGroup(r: GroupRecord, id: string, at: Location): void {
    this.defined.groups.set(id, true);
    this.out.groups.push({
      id,
      schoolUnitId: lower(r.organisation.id),
      displayName: nfc(r.displayName),
      groupType: r.groupType,
      schoolType: r.schoolType ?? null,
      startDate: r.startDate,
      endDate: r.endDate ?? null,
    });
    if (!r.groupMemberships) return;
    this.out.replaces.groupMemberships.push(id);
    // A membership without a start began with the group (the table keys memberships by start).
    const memberships = r.groupMemberships.map((m) => ({
      groupId: id,
      personId: this.intern(lower(m.person.id)),
      startDate: m.startDate ?? r.startDate,
      endDate: m.endDate ?? null,
    }));
    this.uniqueChildren(
      memberships,
      (m) => `${m.personId}|${m.startDate}`,
      (i) => `groupMemberships[${i}].person.id`,
      at,
    );
    this.out.groupMemberships.push(...memberships);
  }

  private readDuty(r: DutyRecord, id: string, at: Location): void {
    this.defined.duties.set(id, true);
    this.out.duties.push({
      id,
      personId: lower(r.person.id),
      schoolUnitId: lower(r.dutyAt.id),
      dutyRole: r.dutyRole,
      signature: r.signature ?? null,
      startDate: r.startDate,
      endDate: r.endDate ?? null,
    });
    if (!r.assignmentRole) return;
    this.out.replaces.dutyAssignments.push(id);
    const assignments = r.assignmentRole.map((a) => ({
      dutyId: id,
      groupId: lower(a.group.id),
      roleType: a.assignmentRoleType,
      startDate: a.startDate ?? r.startDate,
      endDate: a.endDate ?? null,
    }));
    this.uniqueChildren(
      assignments,
      (a) => `${a.groupId}|${a.roleType}|${a.startDate}`,
      (i) => `assignmentRole[${i}].group.id`,
      at,
    );
    this.out.dutyAssignments.push(...assignments);
  }

  private readActivity(r: ActivityRecord, id: string, at: Location): void {
    const schoolUnitId = lower(r.organisation.id);
    this.defined.activities.set(id, schoolUnitId);
    this.out.activities.push({
      id,
      schoolUnitId,
      displayName: nfc(r.displayName),
      activityType: r.activityType ?? 'Undervisning',
      syllabusId: r.syllabus ? lower(r.syllabus.id) : null,
      startDate: r.startDate,
      endDate: r.endDate ?? null,
    });
    this.out.replaces.activityGroups.push(id);
    this.uniqueChildren(
      r.groups,
      (g) => lower(g.id),
      (i) => `groups[${i}].id`,
      at,
    );
    for (const g of r.groups) this.out.activityGroups.push({ activityId: id, groupId: lower(g.id) });
    if (!r.teachers) return;
    this.out.replaces.activityTeachers.push(id);
    this.uniqueChildren(
      r.teachers,
      (t) => lower(t.duty.id),
      (i) => `teachers[${i}].duty.id`,
      at,
    );
    for (const t of r.teachers) {
      this.out.activityTeachers.push({
        activityId: id,
        dutyId: lower(t.duty.id),
        startDate: t.startDate ?? null,
        endDate: t.endDate ?? null,
      });
    }
  }

  private readCalendarEvent(r: CalendarEventRecord, id: string, at: Location): void {
    const activityId = lower(r.activity.id);
    const schoolUnitId = this.defined.activities.get(activityId) ?? this.known.activities?.get(activityId);
    if (!schoolUnitId) return; // The activity itself was rejected; its problem is already reported.
    const start = parseDateTime(r.startTime) as number;
    const end = parseDateTime(r.endTime) as number;
    const clockMinutes = Math.round((end - start) / MINUTE_MS);
    const teachingMinutes = r.teachingLengthStudent ?? clockMinutes;
    this.defined.calendarEvents.set(id, { teachingMinutes, clockMinutes });
    this.out.lessons.push({
      id,
      activityId,
      schoolUnitId,
      startsAt: new Date(start),
      endsAt: new Date(end),
      localDate: this.intern(localDateOf(start)),
      teachingMinutes,
      isCancelled: r.cancelled ?? false,
      comment: r.comment ?? null,
    });
    if (r.teacherExceptions) {
      this.out.replaces.lessonTeachers.push(id);
      this.uniqueChildren(
        r.teacherExceptions,
        (t) => lower(t.duty.id),
        (i) => `teacherExceptions[${i}].duty.id`,
        at,
      );
      for (const t of r.teacherExceptions)
        this.out.lessonTeachers.push({ lessonId: id, dutyId: lower(t.duty.id), participates: t.participates });
    }
    if (r.studentExceptions) {
      this.out.replaces.lessonStudentExceptions.push(id);
      this.uniqueChildren(
        r.studentExceptions,
        (s) => lower(s.student.id),
        (i) => `studentExceptions[${i}].student.id`,
        at,
      );
      for (const s of r.studentExceptions) {
        const personId = lower(s.student.id);
        if (s.teachingLength !== undefined) this.pupilLengths.set(`${id}|${personId}`, s.teachingLength);
        this.out.lessonStudentExceptions.push({
          lessonId: id,
          personId,
          participates: s.participates,
          teachingMinutes: s.teachingLength ?? null,
        });
      }
    }
  }

  private readAttendance(r: AttendanceRecord, id: string, at: Location): void {
    const lessonId = this.intern(lower(r.calendarEvent.id));
    const personId = this.intern(lower(r.student.id));
    const attended = r.attendanceMinutes ?? 0;
    const valid = r.validAbsenceMinutes ?? 0;
    const invalid = r.invalidAbsenceMinutes ?? 0;
    const other = r.otherAttendanceMinutes ?? 0;
    const lesson = this.defined.calendarEvents.get(lessonId);
    if (lesson && r.isReported) {
      // Minutes beyond both the teaching length and the clock time cannot be right; fewer can be
      // (a partly reported lesson), and the measures module takes them as given.
      const length = this.pupilLengths.get(`${lessonId}|${personId}`) ?? lesson.teachingMinutes;
      const limit = Math.max(length, lesson.clockMinutes);
      const sum = attended + valid + invalid + other;
      if (sum > limit) {
        this.problem(
          at,
          'attendanceMinutes',
          'MINUTES_MISMATCH',
          `Summan av minuterna (${sum}) är större än lektionens längd (${limit} min).`,
        );
        return;
      }
    }
    let pupils = this.markSources.get(lessonId);
    if (!pupils) this.markSources.set(lessonId, (pupils = new Map()));
    const earlier = pupils.get(personId);
    if (earlier !== undefined) {
      this.problem(
        at,
        'student.id',
        'DUPLICATE_ID',
        `Eleven har redan en närvaropost för samma kalenderhändelse (post ${earlier}).`,
      );
      return;
    }
    pupils.set(personId, at.index ?? -1);
    // `isReported` is this pupil's own (issue 13): the lesson counts as confirmed by the import, but
    // only pupils with a record are registered by it, so every record is kept, plain presence too.
    if (r.isReported) this.confirmedLessons.add(lessonId);
    this.out.attendanceMarks.push({
      lessonId,
      personId,
      kind: 'imported',
      externalId: id,
      importedMinutes: { isReported: r.isReported, attended, valid, invalid, other },
    });
  }

  private finishAttendances(): void {
    for (const lessonId of this.confirmedLessons) this.out.lessonConfirmations.push({ lessonId, source: 'import' });
  }

  private readAbsence(r: AbsenceRecord, id: string): void {
    this.out.absences.push({
      id,
      personId: lower(r.student.id),
      kind: r.type === 'Anmäld frånvaro' ? 'guardianReport' : 'leave',
      startsAt: new Date(parseDateTime(r.startTime) as number),
      endsAt: new Date(parseDateTime(r.endTime) as number),
      source: 'import',
    });
  }

  private readTerm(r: TermRecord, at: Location): void {
    if (this.isDuplicate('terms', r.id, at, 'id', `Terminen ${r.id} förekommer mer än en gång.`)) return;
    this.out.terms.push({ id: r.id, name: r.name, startDate: r.startDate, endDate: r.endDate });
  }

  private readDayOff(r: DayOffRecord, at: Location, index: number): void {
    const schoolUnitKey = r.schoolUnitId ? lower(r.schoolUnitId) : '';
    if (
      this.isDuplicate(
        'daysOff',
        `${r.date}|${schoolUnitKey}`,
        at,
        `daysOff[${index}].date`,
        `Datumet ${r.date} förekommer mer än en gång för samma skolenhet.`,
      )
    )
      return;
    this.out.daysOff.push({ date: r.date, schoolUnitKey, kind: r.kind, name: r.name });
  }

  private isDuplicate(set: string, key: string, at: Location, field: string, message: string): boolean {
    const seen = this.seenSet(set);
    if (seen.has(key)) {
      this.problem(at, field, 'DUPLICATE_ID', message);
      return true;
    }
    seen.add(key);
    return false;
  }

  /** Child rows share their parent's key, so two with the same key could not both be stored. */
  private uniqueChildren<T>(
    items: readonly T[],
    keyOf: (item: T) => string,
    fieldOf: (i: number) => string,
    at: Location,
  ): void {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const key = keyOf(item);
      if (seen.has(key))
        this.problem(at, fieldOf(i), 'DUPLICATE_ID', `${fieldOf(i)} förekommer mer än en gång i posten.`);
      seen.add(key);
    });
  }

  /** The organiser is the one Huvudman of organisations.json, else the caller's. */
  private settleOrganiser(hasOrganisations: boolean): void {
    const file = 'organisations.json';
    const [first, ...others] = this.huvudmen;
    for (const extra of others) {
      this.problem(
        extra.at,
        'organisationType',
        'MULTIPLE_ORGANISERS',
        'Importen får bara innehålla en organisation av typen Huvudman.',
      );
    }
    const given = this.options.organiserId?.toLowerCase();
    if (first && given && first.id !== given) {
      this.problem(first.at, 'id', 'ORGANISER_MISMATCH', 'Huvudmannen i filen är inte den huvudman importen görs för.');
    }
    this.out.organiserId = first?.id ?? given ?? null;
    if (!this.out.organiserId) {
      this.problem(
        { file, index: null, id: null },
        hasOrganisations ? 'organisationType' : '',
        'ORGANISER_MISSING',
        'Importen anger ingen huvudman: organisations.json ska innehålla en organisation av typen Huvudman.',
      );
    }
  }

  private problem(at: Location, field: string, code: string, message: string): void {
    this.problems.push({ file: at.file, index: at.index, id: at.id, field, code, message });
  }

  private wrongType(at: Location, path: string, expected: string): void {
    this.problem(at, path, 'INVALID_TYPE', `${path || 'Posten'} har fel typ; väntade ${expected}.`);
  }

  private intern(value: string): string {
    const existing = this.strings.get(value);
    if (existing !== undefined) return existing;
    this.strings.set(value, value);
    return value;
  }

  private tick(): void {
    this.recordsRead++;
    if (this.recordsRead % PROGRESS_EVERY === 0)
      this.options.onProgress?.({ phase: 'validate.records', done: this.recordsRead, total: 0 });
  }
}

/** A reading problem as one sentence: the scanner's own sentences start with "Filen". */
function fileErrorMessage(error: Ss12000FileError): string {
  return error.message.startsWith('Filen ') ? error.message : `Filen kunde inte läsas: ${error.message}`;
}

/** Only the checked address fields are stored, never whatever else an exporter put there. */
function pickAddressFields(address: AddressRecord): Record<string, unknown> {
  return Object.fromEntries(
    ADDRESS_FIELDS.filter((key) => address[key] !== undefined && address[key] !== null).map((key) => [
      key,
      address[key],
    ]),
  );
}

/** Half a UTF-16 pair (with the u flag a valid pair is one code point, not a surrogate). */
const LONE_SURROGATE = /\p{Cs}/u;

const CIVIC_NO_SHAPE = object({ value: required(identifier), nationality: optional(text) });

const CIVIC_NO_MESSAGES = {
  CIVIC_NO_FORMAT: 'Personnumret ska ha 10 eller 12 siffror, eventuellt med - eller +.',
  CIVIC_NO_DATE: 'Personnumrets datumdel är inget giltigt datum.',
  CIVIC_NO_CHECKSUM: 'Personnumrets kontrollsiffra stämmer inte.',
} as const;

/** Only Swedish numbers follow the personnummer rules; a foreign identifier is kept as given. */
function isSwedish(civic: PersonRecord['civicNo']): boolean {
  return (civic?.nationality ?? 'SE').toUpperCase() === 'SE';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An array, or another iterable such as a streamed file; never a string. */
function isIterableList(value: unknown): value is Iterable<unknown> {
  return Array.isArray(value) || (typeof value === 'object' && value !== null && Symbol.iterator in value);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function lower(id: string): string {
  return id.toLowerCase();
}

/**
 * A name as it is typed: some exporters (files made on a Mac) write "Å" as "A" and a combining
 * ring, which looks the same but is not found by a search for "Å" and sorts elsewhere.
 */
function nfc(name: string): string {
  return name.normalize('NFC');
}

/** A record id for the report, unless it is something other than an id. */
function quoteId(id: string): string | null {
  if (isUuid(id)) return id.toLowerCase();
  return id.length <= MAX_QUOTED_LENGTH ? id : null;
}

/** A value that can be ordered against its range partner, or null when it is missing or invalid. */
function comparable(field: FieldSpec | undefined, value: unknown): string | number | null {
  if (!field || typeof value !== 'string') return null;
  if (field.spec.type === 'date') return isDate(value) ? value : null;
  if (field.spec.type === 'dateTime') return parseDateTime(value);
  return null;
}
