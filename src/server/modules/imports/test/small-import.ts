/**
 * A small hand-made SS12000 export for importer tests: one school unit, class 7A with two pupils
 * (one with protected identity), two guardians listed after the pupils (forward references), a
 * mentor teacher, one activity and three lessons, two of them around the DST switches.
 * Every call returns a fresh deep copy, so tests may edit it.
 */
import { randomUUID } from 'node:crypto';

export const IDS = {
  unit: '0a000000-0000-4000-8000-000000000001',
  pupil1: '0b000000-0000-4000-8000-000000000001',
  pupil2: '0b000000-0000-4000-8000-000000000002',
  guardian1: '0b000000-0000-4000-8000-000000000003',
  guardian2: '0b000000-0000-4000-8000-000000000004',
  teacher: '0b000000-0000-4000-8000-000000000005',
  class7a: '0c000000-0000-4000-8000-000000000001',
  duty: '0d000000-0000-4000-8000-000000000001',
  activity: '0e000000-0000-4000-8000-000000000001',
  lessonOct19: '0f000000-0000-4000-8000-000000000001',
  /** Starts 00:30 local on 25 October (22:30 UTC the day before), ends after the switch to winter time. */
  lessonDstOctober: '0f000000-0000-4000-8000-000000000002',
  /** Starts 00:30 local on 29 March (23:30 UTC the day before), before the switch to summer time. */
  lessonDstMarch: '0f000000-0000-4000-8000-000000000003',
  attendancePresent: '1a000000-0000-4000-8000-000000000001',
  attendanceAbsent: '1a000000-0000-4000-8000-000000000002',
  attendanceUnreported: '1a000000-0000-4000-8000-000000000003',
  absenceReport: '1b000000-0000-4000-8000-000000000001',
  absenceLeave: '1b000000-0000-4000-8000-000000000002',
} as const;

const meta = { created: '2026-08-01T08:00:00Z', modified: '2026-08-01T08:00:00Z' };
const ref = (id: string) => ({ id });

/** Rows the fixture yields per table. */
export const SMALL_IMPORT_ROWS = {
  organisations: 2,
  persons: 5,
  enrolments: 2,
  responsibles: 3,
  groups: 1,
  group_memberships: 2,
  duties: 1,
  duty_assignments: 1,
  activities: 1,
  activity_groups: 1,
  activity_teachers: 1,
  lessons: 3,
  lesson_teachers: 1,
  lesson_student_exceptions: 1,
  attendance_marks: 3,
  lesson_confirmations: 1,
  absences: 2,
  terms: 1,
  days_off: 2,
} as const;

/** The export, with a new Huvudman id unless one is given (one tenant per test). */
export function smallImport(organiserId: string = randomUUID()) {
  const person = (id: string, givenName: string, extra: Record<string, unknown> = {}) => ({
    id,
    meta,
    givenName,
    familyName: 'Testsson',
    ...extra,
  });
  return {
    organiserId,
    files: {
      organisations: {
        data: [
          { id: organiserId, meta, displayName: 'Testkommun', organisationType: 'Huvudman', municipalityCode: '0180' },
          {
            id: IDS.unit,
            meta,
            displayName: 'Testskolan 7–9',
            organisationType: 'Skolenhet',
            schoolUnitCode: '12345678',
            schoolTypes: ['GR'],
            parentOrganisation: ref(organiserId),
          },
        ],
      },
      persons: {
        data: [
          person(IDS.pupil1, 'Alva', {
            civicNo: { value: '201304122383', nationality: 'SE' },
            birthDate: '2013-04-12',
            sex: 'Kvinna',
            securityMarking: 'Ingen',
            addresses: [
              {
                type: 'Folkbokföring',
                streetAddress: 'Storgatan 1',
                postalCode: '11122',
                locality: 'Stockholm',
                country: 'Sverige',
                municipalityCode: 180,
              },
            ],
            enrolments: [{ enroledAt: ref(IDS.unit), schoolType: 'GR', schoolYear: 7, startDate: '2026-08-17' }],
            responsibles: [{ person: ref(IDS.guardian1), relationType: 'Vårdnadshavare' }],
          }),
          person(IDS.pupil2, 'Bo', {
            // 10-digit samordningsnummer (day + 60) with a dash.
            civicNo: { value: '130472-2380' },
            securityMarking: 'Skyddad folkbokföring',
            addresses: [
              {
                type: 'Folkbokföring',
                streetAddress: 'Hemlig väg 2',
                postalCode: '11122',
                locality: 'Stockholm',
                country: 'Sverige',
                municipalityCode: 180,
              },
            ],
            enrolments: [{ enroledAt: ref(IDS.unit), schoolType: 'GR', schoolYear: 7, startDate: '2026-08-17' }],
            responsibles: [
              { person: ref(IDS.guardian1), relationType: 'Vårdnadshavare' },
              { person: ref(IDS.guardian2), relationType: 'Vårdnadshavare' },
            ],
          }),
          person(IDS.guardian1, 'Cecilia', {
            civicNo: { value: '19820311-1235' },
            emails: [{ value: 'cecilia@example.org', type: 'Privat' }],
          }),
          person(IDS.guardian2, 'David', {
            civicNo: { value: '198506212342' },
            phoneNumbers: [{ value: '0701234567', type: 'Hem', mobile: true }],
          }),
          person(IDS.teacher, 'Eva', { civicNo: { value: '197902019871' } }),
        ],
      },
      groups: {
        data: [
          {
            id: IDS.class7a,
            meta,
            displayName: '7A',
            groupType: 'Klass',
            schoolType: 'GR',
            organisation: ref(IDS.unit),
            startDate: '2026-08-17',
            endDate: '2027-06-10',
            groupMemberships: [
              { person: ref(IDS.pupil1), startDate: '2026-08-17' },
              { person: ref(IDS.pupil2), startDate: '2026-08-17', endDate: '2027-06-10' },
            ],
          },
        ],
      },
      duties: {
        data: [
          {
            id: IDS.duty,
            meta,
            person: ref(IDS.teacher),
            dutyAt: ref(IDS.unit),
            dutyRole: 'Lärare',
            signature: 'EVA',
            startDate: '2026-08-01',
            assignmentRole: [{ assignmentRoleType: 'Mentor', group: ref(IDS.class7a), startDate: '2026-08-17' }],
          },
        ],
      },
      activities: {
        data: [
          {
            id: IDS.activity,
            meta,
            displayName: 'Matematik 7A',
            activityType: 'Undervisning',
            calendarEventsRequired: true,
            organisation: ref(IDS.unit),
            groups: [ref(IDS.class7a)],
            teachers: [{ duty: ref(IDS.duty), startDate: '2026-08-17' }],
            startDate: '2026-08-17',
          },
        ],
      },
      calendarEvents: {
        data: [
          {
            id: IDS.lessonOct19,
            meta,
            activity: ref(IDS.activity),
            startTime: '2026-10-19T08:00:00+02:00',
            endTime: '2026-10-19T09:00:00+02:00',
            cancelled: false,
            teachingLengthStudent: 50,
            studentExceptions: [{ student: ref(IDS.pupil2), participates: true, teachingLength: 40 }],
            teacherExceptions: [{ duty: ref(IDS.duty), participates: true }],
          },
          {
            id: IDS.lessonDstOctober,
            meta,
            activity: ref(IDS.activity),
            startTime: '2026-10-24T22:30:00Z',
            endTime: '2026-10-25T02:30:00+01:00',
          },
          {
            id: IDS.lessonDstMarch,
            meta,
            activity: ref(IDS.activity),
            startTime: '2026-03-28T23:30:00Z',
            endTime: '2026-03-29T01:30:00+01:00',
          },
        ],
      },
      attendances: {
        data: [
          {
            id: IDS.attendancePresent,
            meta,
            calendarEvent: ref(IDS.lessonOct19),
            student: ref(IDS.pupil1),
            isReported: true,
            attendanceMinutes: 50,
            validAbsenceMinutes: 0,
            invalidAbsenceMinutes: 0,
            otherAttendanceMinutes: 0,
          },
          {
            id: IDS.attendanceAbsent,
            meta,
            calendarEvent: ref(IDS.lessonOct19),
            student: ref(IDS.pupil2),
            isReported: true,
            attendanceMinutes: 0,
            validAbsenceMinutes: 0,
            invalidAbsenceMinutes: 40,
            otherAttendanceMinutes: 0,
          },
          {
            id: IDS.attendanceUnreported,
            meta,
            calendarEvent: ref(IDS.lessonDstOctober),
            student: ref(IDS.pupil1),
            isReported: false,
          },
        ],
      },
      absences: {
        data: [
          {
            id: IDS.absenceReport,
            meta,
            student: ref(IDS.pupil1),
            type: 'Anmäld frånvaro',
            startTime: '2026-10-20T08:00:00+02:00',
            endTime: '2026-10-20T16:00:00+02:00',
          },
          {
            id: IDS.absenceLeave,
            meta,
            student: ref(IDS.pupil2),
            type: 'Beviljad ledighet',
            startTime: '2026-11-02T00:00:00+01:00',
            endTime: '2026-11-04T00:00:00+01:00',
            organisation: ref(IDS.unit),
          },
        ],
      },
      schoolCalendar: {
        terms: [{ id: 'HT2026', name: 'Höstterminen 2026', startDate: '2026-08-17', endDate: '2026-12-22' }],
        daysOff: [
          { date: '2026-11-02', kind: 'studyDay', name: 'Studiedag', schoolUnitId: IDS.unit },
          { date: '2026-12-24', kind: 'holiday', name: 'Julafton' },
        ],
      },
    },
  };
}

/** The records of one file of the fixture, for editing in a test. */
export function recordsOf(
  files: ReturnType<typeof smallImport>['files'],
  name: Exclude<keyof ReturnType<typeof smallImport>['files'], 'schoolCalendar'>,
): Record<string, unknown>[] {
  return files[name].data as Record<string, unknown>[];
}
