/**
 * The SS12000 v2.1 record shapes Närvaro reads (openapi components.schemas), as specs for the
 * validator and as the TypeScript types of records that passed them. Fields Närvaro does not use
 * are not checked, so an exporter's extra or unusual data never rejects an import.
 */
import {
  DATE_RANGE,
  arrayOf,
  boolean,
  civicNo,
  date,
  dateTime,
  digits,
  identifier,
  integer,
  minutes,
  object,
  oneOf,
  optional,
  ref,
  refId,
  required,
  text,
  uuid,
  type ObjectSpec,
} from './record-spec.js';
import { ASSIGNMENT_ROLE_TYPES, DUTY_ROLES } from '../../../../shared/ss12000-role-mapping.js';

export const ORGANISATION_TYPES = [
  'Huvudman',
  'Verksamhetsområde',
  'Förvaltning',
  'Rektorsområde',
  'Skola',
  'Skolenhet',
  'Varumärke',
  'Bolag',
  'Övrigt',
] as const;
export const SCHOOL_TYPES = [
  'FS',
  'FKLASS',
  'FTH',
  'OPPFTH',
  'GR',
  'GRS',
  'TR',
  'SP',
  'SAM',
  'GY',
  'GYS',
  'VUX',
  'VUXSFI',
  'VUXGR',
  'VUXGY',
  'VUXSARGR',
  'VUXSARTR',
  'VUXSARGY',
  'SFI',
  'SARVUX',
  'SARVUXGR',
  'SARVUXGY',
  'KU',
  'YH',
  'FHS',
  'STF',
  'KKU',
  'HS',
  'ABU',
  'AU',
] as const;
export const SECURITY_MARKINGS = ['Ingen', 'Sekretessmarkering', 'Skyddad folkbokföring'] as const;
export const PERSON_STATUSES = ['Aktiv', 'Utvandrad', 'Avliden'] as const;
export const SEXES = ['Man', 'Kvinna', 'Okänt'] as const;
export const EMAIL_TYPES = ['Privat', 'Skola elev', 'Skola personal', 'Arbete övrigt'] as const;
export const PHONE_TYPES = ['Hem', 'Arbete'] as const;
export const ADDRESS_TYPES = ['Folkbokföring', 'Särskild postadress', 'Tillfällig adress', 'Postadress'] as const;
export const RELATION_TYPES = ['Vårdnadshavare', 'Annan ansvarig', 'God man', 'Utsedd behörig'] as const;
export const GROUP_TYPES = [
  'Undervisning',
  'Klass',
  'Mentor',
  'Provgrupp',
  'Schema',
  'Avdelning',
  'Personalgrupp',
  'Övrigt',
] as const;
export const ACTIVITY_TYPES = ['Undervisning', 'Elevaktivitet', 'Provaktivitet', 'Läraraktivitet', 'Övrigt'] as const;
export const ABSENCE_TYPES = ['Anmäld frånvaro', 'Beviljad ledighet'] as const;
/** Närvaro's school calendar extension (not SS12000). */
export const DAY_OFF_KINDS = ['holiday', 'studyDay'] as const;

/** SS12000 reference object. */
export interface Ref {
  id: string;
}

export interface OrganisationRecord {
  id: string;
  displayName: string;
  organisationType: (typeof ORGANISATION_TYPES)[number];
  schoolUnitCode?: string;
  municipalityCode?: string;
  parentOrganisation?: Ref;
  schoolTypes?: string[];
  startDate?: string;
  endDate?: string;
}

/** Person_addresses_inner fields Närvaro checks and stores. */
export const ADDRESS_FIELDS = [
  'type',
  'streetAddress',
  'postalCode',
  'locality',
  'country',
  'realEstateDesignation',
  'municipalityCode',
  'countyCode',
] as const;

export type AddressRecord = Partial<Record<(typeof ADDRESS_FIELDS)[number], string | number>>;

export interface PersonRecord {
  id: string;
  givenName: string;
  familyName: string;
  civicNo?: { value: string; nationality?: string };
  birthDate?: string;
  sex?: string;
  securityMarking?: string;
  personStatus?: string;
  emails?: { value: string; type?: string }[];
  eduPersonPrincipalNames?: string[];
  externalIdentifiers?: { value: string; context?: string; globallyUnique?: boolean }[];
  phoneNumbers?: { value: string; type?: string; mobile?: boolean }[];
  addresses?: AddressRecord[];
  enrolments?: {
    enroledAt: Ref;
    schoolType: string;
    schoolYear?: number;
    startDate: string;
    endDate?: string;
    cancelled?: boolean;
  }[];
  responsibles?: { person: Ref; relationType: string }[];
}

export interface GroupRecord {
  id: string;
  displayName: string;
  groupType: string;
  schoolType?: string;
  organisation: Ref;
  startDate: string;
  endDate?: string;
  groupMemberships?: { person: Ref; startDate?: string; endDate?: string }[];
}

export interface DutyRecord {
  id: string;
  person: Ref;
  dutyAt: Ref;
  dutyRole: string;
  signature?: string;
  startDate: string;
  endDate?: string;
  assignmentRole?: { assignmentRoleType: string; group: Ref; startDate?: string; endDate?: string }[];
}

export interface ActivityRecord {
  id: string;
  displayName: string;
  activityType?: string;
  organisation: Ref;
  groups: Ref[];
  teachers?: { duty: Ref; startDate?: string; endDate?: string }[];
  syllabus?: Ref;
  startDate: string;
  endDate?: string;
}

export interface CalendarEventRecord {
  id: string;
  activity: Ref;
  startTime: string;
  endTime: string;
  cancelled?: boolean;
  comment?: string;
  teachingLengthStudent?: number;
  studentExceptions?: { student: Ref; participates: boolean; teachingLength?: number }[];
  teacherExceptions?: { duty: Ref; participates: boolean }[];
}

export interface AttendanceRecord {
  id: string;
  calendarEvent: Ref;
  student: Ref;
  isReported: boolean;
  attendanceMinutes?: number;
  validAbsenceMinutes?: number;
  invalidAbsenceMinutes?: number;
  otherAttendanceMinutes?: number;
}

export interface AbsenceRecord {
  id: string;
  student: Ref;
  startTime: string;
  endTime: string;
  type: (typeof ABSENCE_TYPES)[number];
}

export interface TermRecord {
  id: string;
  name: string;
  startDate: string;
  endDate: string;
}

export interface DayOffRecord {
  date: string;
  kind: (typeof DAY_OFF_KINDS)[number];
  name: string;
  schoolUnitId?: string;
}

const PERIOD = { startDate: optional(date), endDate: optional(date) };

/** Record specs by file (schoolCalendar has one per list). */
export const RECORD_SPECS = {
  organisations: object(
    {
      id: required(uuid),
      displayName: required(text),
      organisationType: required(oneOf(ORGANISATION_TYPES)),
      schoolUnitCode: optional(text),
      municipalityCode: optional(text),
      parentOrganisation: optional(ref('organisations')),
      schoolTypes: optional(arrayOf(oneOf(SCHOOL_TYPES))),
      ...PERIOD,
    },
    DATE_RANGE,
  ),
  persons: object({
    id: required(uuid),
    givenName: required(text),
    familyName: required(text),
    civicNo: optional(civicNo),
    birthDate: optional(date),
    sex: optional(oneOf(SEXES)),
    securityMarking: optional(oneOf(SECURITY_MARKINGS)),
    personStatus: optional(oneOf(PERSON_STATUSES)),
    emails: optional(arrayOf(object({ value: required(identifier), type: optional(oneOf(EMAIL_TYPES)) }))),
    eduPersonPrincipalNames: optional(arrayOf(identifier)),
    externalIdentifiers: optional(
      arrayOf(object({ value: required(identifier), context: optional(text), globallyUnique: optional(boolean) })),
    ),
    phoneNumbers: optional(
      arrayOf(object({ value: required(text), type: optional(oneOf(PHONE_TYPES)), mobile: optional(boolean) })),
    ),
    addresses: optional(
      arrayOf(
        object({
          type: optional(oneOf(ADDRESS_TYPES)),
          streetAddress: optional(text),
          postalCode: optional(text),
          locality: optional(text),
          country: optional(text),
          realEstateDesignation: optional(text),
          municipalityCode: optional(digits(4)),
          countyCode: optional(digits(2)),
        }),
      ),
    ),
    enrolments: optional(
      arrayOf(
        object(
          {
            enroledAt: required(ref('organisations')),
            schoolType: required(oneOf(SCHOOL_TYPES)),
            schoolYear: optional(integer(0, 10)),
            startDate: required(date),
            endDate: optional(date),
            cancelled: optional(boolean),
          },
          DATE_RANGE,
        ),
      ),
    ),
    // relationType decides who may act as guardian, so it is required although SS12000 leaves it optional.
    responsibles: optional(
      arrayOf(object({ person: required(ref('persons')), relationType: required(oneOf(RELATION_TYPES)) })),
    ),
  }),
  groups: object(
    {
      id: required(uuid),
      displayName: required(text),
      groupType: required(oneOf(GROUP_TYPES)),
      schoolType: optional(oneOf(SCHOOL_TYPES)),
      organisation: required(ref('organisations')),
      startDate: required(date),
      endDate: optional(date),
      groupMemberships: optional(arrayOf(object({ person: required(ref('persons')), ...PERIOD }, DATE_RANGE))),
    },
    DATE_RANGE,
  ),
  duties: object(
    {
      id: required(uuid),
      // SS12000 allows a vacant duty; Närvaro needs the person to give access by relationship.
      person: required(ref('persons')),
      dutyAt: required(ref('organisations')),
      dutyRole: required(oneOf(DUTY_ROLES)),
      signature: optional(text),
      startDate: required(date),
      endDate: optional(date),
      assignmentRole: optional(
        arrayOf(
          object(
            {
              assignmentRoleType: required(oneOf(ASSIGNMENT_ROLE_TYPES)),
              group: required(ref('groups')),
              ...PERIOD,
            },
            DATE_RANGE,
          ),
        ),
      ),
    },
    DATE_RANGE,
  ),
  activities: object(
    {
      id: required(uuid),
      displayName: required(text),
      activityType: optional(oneOf(ACTIVITY_TYPES)),
      organisation: required(ref('organisations')),
      groups: required(arrayOf(ref('groups'), 1)),
      teachers: optional(arrayOf(object({ duty: required(ref('duties')), ...PERIOD }, DATE_RANGE))),
      syllabus: optional(object({ id: required(uuid) })),
      startDate: required(date),
      endDate: optional(date),
    },
    DATE_RANGE,
  ),
  calendarEvents: object(
    {
      id: required(uuid),
      activity: required(ref('activities')),
      startTime: required(dateTime),
      endTime: required(dateTime),
      cancelled: optional(boolean),
      comment: optional(text),
      teachingLengthStudent: optional(minutes),
      studentExceptions: optional(
        arrayOf(
          object({
            student: required(ref('persons')),
            participates: required(boolean),
            teachingLength: optional(minutes),
          }),
        ),
      ),
      teacherExceptions: optional(arrayOf(object({ duty: required(ref('duties')), participates: required(boolean) }))),
    },
    [['startTime', 'endTime']],
  ),
  attendances: object({
    id: required(uuid),
    calendarEvent: required(ref('calendarEvents')),
    student: required(ref('persons')),
    isReported: required(boolean),
    attendanceMinutes: optional(minutes),
    validAbsenceMinutes: optional(minutes),
    invalidAbsenceMinutes: optional(minutes),
    otherAttendanceMinutes: optional(minutes),
  }),
  absences: object(
    {
      id: required(uuid),
      student: required(ref('persons')),
      startTime: required(dateTime),
      endTime: required(dateTime),
      type: required(oneOf(ABSENCE_TYPES)),
      organisation: optional(ref('organisations')),
    },
    [['startTime', 'endTime']],
  ),
  terms: object(
    { id: required(identifier), name: required(text), startDate: required(date), endDate: required(date) },
    DATE_RANGE,
  ),
  daysOff: object({
    date: required(date),
    kind: required(oneOf(DAY_OFF_KINDS)),
    name: required(text),
    schoolUnitId: optional(refId('organisations')),
  }),
} satisfies Record<string, ObjectSpec>;
