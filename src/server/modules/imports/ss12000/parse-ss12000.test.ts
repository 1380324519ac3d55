import { describe, expect, it } from 'vitest';
import { validateSs12000, type ImportProblem } from './parse-ss12000.js';
import { Ss12000FileError } from './json-data-file.js';
import { IDS, recordsOf, smallImport } from '../test/small-import.js';

const UNKNOWN = '99999999-0000-4000-8000-000000000000';

function problemsOf(
  edit: (files: ReturnType<typeof smallImport>['files']) => void,
  options: { organiserId?: string } = {},
): ImportProblem[] {
  const { files } = smallImport();
  edit(files);
  return validateSs12000(files, {}, options).problems;
}

describe('validateSs12000: a valid export', () => {
  const { organiserId, files } = smallImport();
  const { records, problems, recordCounts } = validateSs12000(files);

  it('has no problems and names the Huvudman as organiser', () => {
    expect(problems).toEqual([]);
    expect(records.organiserId).toBe(organiserId);
    expect(recordCounts).toMatchObject({ 'persons.json': 5, 'attendances.json': 3, 'schoolCalendar.json': 3 });
  });

  it('normalises persons: civic number, birth date, hemkommun, protected address dropped', () => {
    const [alva, bo] = records.persons;
    expect(alva).toMatchObject({
      civicNo: '201304122383',
      birthDate: '2013-04-12',
      homeMunicipalityCode: '0180',
      securityMarking: 'Ingen',
    });
    expect(bo).toMatchObject({
      civicNo: '201304722380',
      birthDate: '2013-04-12',
      securityMarking: 'Skyddad folkbokföring',
      addresses: [],
    });
    expect(records.responsibles).toHaveLength(3);
  });

  it('places lessons on their Europe/Stockholm date across the DST switches', () => {
    const byId = new Map(records.lessons.map((l) => [l.id, l]));
    expect(byId.get(IDS.lessonOct19)).toMatchObject({
      localDate: '2026-10-19',
      teachingMinutes: 50,
      schoolUnitId: IDS.unit,
    });
    // 22:30 UTC on 24 October is 00:30 summer time on the 25th; the lesson runs three real hours.
    expect(byId.get(IDS.lessonDstOctober)).toMatchObject({ localDate: '2026-10-25', teachingMinutes: 180 });
    // 23:30 UTC on 28 March is 00:30 winter time on the 29th.
    expect(byId.get(IDS.lessonDstMarch)).toMatchObject({ localDate: '2026-03-29', teachingMinutes: 60 });
  });

  it("keeps every pupil's record, plain presence too, and confirms lessons with reported attendance", () => {
    // isReported is each pupil's own (issue 13): a present pupil's record is what registers that pupil.
    expect(records.attendanceMarks.map((m) => [m.personId, m.importedMinutes])).toEqual([
      [IDS.pupil1, { isReported: true, attended: 50, valid: 0, invalid: 0, other: 0 }],
      [IDS.pupil2, { isReported: true, attended: 0, valid: 0, invalid: 40, other: 0 }],
      [IDS.pupil1, { isReported: false, attended: 0, valid: 0, invalid: 0, other: 0 }],
    ]);
    expect(records.lessonConfirmations).toEqual([{ lessonId: IDS.lessonOct19, source: 'import' }]);
  });

  it('maps absence types and the school calendar', () => {
    expect(records.absences.map((a) => a.kind)).toEqual(['guardianReport', 'leave']);
    expect(records.daysOff.map((d) => d.schoolUnitKey)).toEqual([IDS.unit, '']);
  });
});

describe('validateSs12000: problems', () => {
  it.each<[string, (f: ReturnType<typeof smallImport>['files']) => void, Partial<ImportProblem>]>([
    [
      'a civic number with a wrong check digit',
      (f) => {
        (recordsOf(f, 'persons')[0].civicNo as { value: string }).value = '201304122384';
      },
      { file: 'persons.json', index: 0, id: IDS.pupil1, field: 'civicNo.value', code: 'CIVIC_NO_CHECKSUM' },
    ],
    [
      'a membership of an unknown person',
      (f) => {
        (recordsOf(f, 'groups')[0].groupMemberships as { person: { id: string } }[])[1].person.id = UNKNOWN;
      },
      {
        file: 'groups.json',
        index: 0,
        id: IDS.class7a,
        field: 'groupMemberships[1].person.id',
        code: 'UNKNOWN_REFERENCE',
      },
    ],
    [
      'a missing display name',
      (f) => {
        delete recordsOf(f, 'activities')[0].displayName;
      },
      { file: 'activities.json', index: 0, id: IDS.activity, field: 'displayName', code: 'REQUIRED_FIELD_MISSING' },
    ],
    [
      'a lesson ending before it starts',
      (f) => {
        recordsOf(f, 'calendarEvents')[1].endTime = '2026-10-24T22:00:00Z';
      },
      { file: 'calendarEvents.json', index: 1, id: IDS.lessonDstOctober, field: 'endTime', code: 'END_BEFORE_START' },
    ],
    [
      'a membership ending before it starts',
      (f) => {
        (recordsOf(f, 'groups')[0].groupMemberships as Record<string, string>[])[1].endDate = '2026-08-01';
      },
      { file: 'groups.json', index: 0, field: 'groupMemberships[1].endDate', code: 'END_BEFORE_START' },
    ],
    [
      'a term ending before it starts',
      (f) => {
        f.schoolCalendar.terms[0].endDate = '2026-08-01';
      },
      { file: 'schoolCalendar.json', index: 0, id: 'HT2026', field: 'terms[0].endDate', code: 'END_BEFORE_START' },
    ],
    [
      'an impossible date',
      (f) => {
        recordsOf(f, 'groups')[0].startDate = '2026-02-30';
      },
      { file: 'groups.json', index: 0, field: 'startDate', code: 'INVALID_DATE' },
    ],
    [
      'a time without offset',
      (f) => {
        recordsOf(f, 'absences')[0].startTime = '2026-10-20T08:00:00';
      },
      { file: 'absences.json', index: 0, field: 'startTime', code: 'INVALID_DATE' },
    ],
    [
      'a malformed id',
      (f) => {
        recordsOf(f, 'duties')[0].id = 'tjänst-1';
      },
      { file: 'duties.json', index: 0, id: null, field: 'id', code: 'INVALID_UUID' },
    ],
    [
      'an unknown enum value',
      (f) => {
        recordsOf(f, 'persons')[1].securityMarking = 'Hemlig';
      },
      { file: 'persons.json', index: 1, field: 'securityMarking', code: 'INVALID_ENUM' },
    ],
    [
      'negative minutes',
      (f) => {
        recordsOf(f, 'attendances')[1].invalidAbsenceMinutes = -5;
      },
      { file: 'attendances.json', index: 1, field: 'invalidAbsenceMinutes', code: 'INVALID_INTEGER' },
    ],
    [
      'fractional minutes',
      (f) => {
        recordsOf(f, 'attendances')[1].invalidAbsenceMinutes = 2.5;
      },
      { file: 'attendances.json', index: 1, field: 'invalidAbsenceMinutes', code: 'INVALID_INTEGER' },
    ],
    [
      'more minutes than the lesson has',
      (f) => {
        recordsOf(f, 'attendances')[1].invalidAbsenceMinutes = 75;
      },
      { file: 'attendances.json', index: 1, field: 'attendanceMinutes', code: 'MINUTES_MISMATCH' },
    ],
    [
      'a NUL character, which PostgreSQL cannot store',
      (f) => {
        recordsOf(f, 'persons')[2].familyName = 'Test\u0000sson';
      },
      { file: 'persons.json', index: 2, id: IDS.guardian1, field: 'familyName', code: 'INVALID_TEXT' },
    ],
    [
      'a lone surrogate (a broken \\u escape), which PostgreSQL cannot store',
      (f) => {
        recordsOf(f, 'persons')[2].givenName = 'Cec\uD800ilia';
      },
      { file: 'persons.json', index: 2, id: IDS.guardian1, field: 'givenName', code: 'INVALID_TEXT' },
    ],
    [
      'a foreign civic number longer than an index entry can hold',
      (f) => {
        recordsOf(f, 'persons')[4].civicNo = { value: 'A'.repeat(300), nationality: 'NO' };
      },
      { file: 'persons.json', index: 4, id: IDS.teacher, field: 'civicNo.value', code: 'INVALID_TEXT' },
    ],
    [
      'a sign-in name longer than an index entry can hold',
      (f) => {
        recordsOf(f, 'persons')[4].eduPersonPrincipalNames = ['eva@skola.se', `${'e'.repeat(300)}@skola.se`];
      },
      { file: 'persons.json', index: 4, id: IDS.teacher, field: 'eduPersonPrincipalNames[1]', code: 'INVALID_TEXT' },
    ],
    [
      'a year 0, which PostgreSQL cannot store',
      (f) => {
        recordsOf(f, 'persons')[2].birthDate = '0000-01-01';
      },
      { file: 'persons.json', index: 2, id: IDS.guardian1, field: 'birthDate', code: 'INVALID_DATE' },
    ],
    [
      'a duplicated id',
      (f) => {
        recordsOf(f, 'persons')[4].id = IDS.guardian2;
      },
      { file: 'persons.json', index: 4, field: 'id', code: 'DUPLICATE_ID' },
    ],
    [
      'two marks for one pupil and lesson',
      (f) => {
        recordsOf(f, 'attendances').push({ ...recordsOf(f, 'attendances')[1], id: UNKNOWN });
      },
      { file: 'attendances.json', index: 3, field: 'student.id', code: 'DUPLICATE_ID' },
    ],
    [
      'a guardian listed twice',
      (f) => {
        (recordsOf(f, 'persons')[1].responsibles as unknown[]).push({
          person: { id: IDS.guardian2 },
          relationType: 'God man',
        });
      },
      { file: 'persons.json', index: 1, field: 'responsibles[2].person.id', code: 'DUPLICATE_ID' },
    ],
    [
      'a record that is not an object',
      (f) => {
        recordsOf(f, 'duties').push('tjänst' as never);
      },
      { file: 'duties.json', index: 1, field: '', code: 'INVALID_TYPE' },
    ],
    [
      'a file without a data list',
      (f) => {
        (f as Record<string, unknown>).groups = { rows: [] };
      },
      { file: 'groups.json', index: null, field: 'data', code: 'NOT_AN_ARRAY' },
    ],
    [
      'a file that was not valid JSON',
      (f) => {
        (f as Record<string, unknown>).duties = new Ss12000FileError('INVALID_JSON', 'Unexpected token', null);
      },
      { file: 'duties.json', index: null, code: 'INVALID_JSON' },
    ],
    [
      'a second Huvudman',
      (f) => {
        recordsOf(f, 'organisations')[1].organisationType = 'Huvudman';
      },
      { file: 'organisations.json', index: 1, code: 'MULTIPLE_ORGANISERS' },
    ],
  ])('reports %s', (_label, edit, expected) => {
    const problems = problemsOf(edit);
    expect(problems).toContainEqual(expect.objectContaining(expected));
    expect(problems.every((p) => p.message.length > 0)).toBe(true);
  });

  it('never puts a civic number or a name in a message', () => {
    const problems = problemsOf((f) => {
      (recordsOf(f, 'persons')[0].civicNo as { value: string }).value = '201304122384';
      recordsOf(f, 'persons')[0].sex = 'Alva Testsson';
    });
    expect(problems).toHaveLength(2);
    expect(JSON.stringify(problems)).not.toMatch(/2013041223|Alva/);
  });

  it('resolves forward references within a file but reports unknown ones once they cannot resolve', () => {
    const problems = problemsOf((f) => {
      (recordsOf(f, 'persons')[0].responsibles as { person: { id: string } }[])[0].person.id = UNKNOWN;
    });
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'persons.json',
        index: 0,
        field: 'responsibles[0].person.id',
        code: 'UNKNOWN_REFERENCE',
      }),
    ]);
  });

  it('reports an organiser that differs from the caller, and a missing one', () => {
    expect(problemsOf(() => undefined, { organiserId: UNKNOWN })).toContainEqual(
      expect.objectContaining({ code: 'ORGANISER_MISMATCH' }),
    );
    expect(
      problemsOf((f) => {
        delete (f as Record<string, unknown>).organisations;
      }),
    ).toContainEqual(expect.objectContaining({ code: 'ORGANISER_MISSING' }));
  });
});

describe('validateSs12000: an incremental import', () => {
  const { organiserId, files } = smallImport();
  const attendanceOnly = { attendances: files.attendances };

  it('reports references it cannot resolve and lists them for a database look-up', () => {
    const result = validateSs12000(attendanceOnly, {}, { organiserId });
    expect(result.problems.map((p) => p.code)).toEqual(Array(6).fill('UNKNOWN_REFERENCE'));
    expect(result.unresolvedReferences.calendarEvents?.sort()).toEqual([IDS.lessonDstOctober, IDS.lessonOct19].sort());
    expect(result.unresolvedReferences.persons?.sort()).toEqual([IDS.pupil1, IDS.pupil2].sort());
  });

  it('accepts references to ids already in the database', () => {
    const known = {
      calendarEvents: new Set([IDS.lessonOct19, IDS.lessonDstOctober]),
      persons: new Set([IDS.pupil1, IDS.pupil2]),
    };
    const result = validateSs12000(attendanceOnly, known, { organiserId });
    expect(result.problems).toEqual([]);
    expect(result.records.attendanceMarks).toHaveLength(3);
  });
});
