import { beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DemoData, generateDemo, writeDemoFiles } from './generate-demo.js';
import type {
  Ss12000Absence,
  Ss12000Activity,
  Ss12000Attendance,
  Ss12000CalendarEvent,
  Ss12000Duty,
  Ss12000Group,
  Ss12000Organisation,
  Ss12000Person,
} from './ss12000-types.js';

const TODAY = '2026-11-23'; // a Monday in the autumn term

/** Typed views of one generated data set, with the lookups most tests need. */
function view(data: DemoData) {
  const f = data.files;
  const organisations = f.organisations as Ss12000Organisation[];
  const persons = f.persons as Ss12000Person[];
  const groups = f.groups as Ss12000Group[];
  const duties = f.duties as Ss12000Duty[];
  const activities = f.activities as Ss12000Activity[];
  const events = f.calendarEvents as Ss12000CalendarEvent[];
  const attendances = f.attendances as Ss12000Attendance[];
  const absences = f.absences as Ss12000Absence[];
  const byId = <T extends { id: string }>(xs: T[]) => new Map(xs.map((x) => [x.id, x]));
  return {
    data,
    organisations,
    persons,
    groups,
    duties,
    activities,
    events,
    attendances,
    absences,
    orgById: byId(organisations),
    personById: byId(persons),
    groupById: byId(groups),
    dutyById: byId(duties),
    activityById: byId(activities),
    eventById: byId(events),
    pupils: persons.filter((p) => p.enrolments),
  };
}
type View = ReturnType<typeof view>;

const dateOf = (rfc3339: string) => rfc3339.slice(0, 10);
const minutesBetween = (start: string, end: string) => (Date.parse(end) - Date.parse(start)) / 60_000;
const absenceRate = (rows: Ss12000Attendance[]) => {
  const absent = rows.reduce((s, a) => s + a.validAbsenceMinutes + a.invalidAbsenceMinutes, 0);
  const known = rows.reduce(
    (s, a) => s + a.attendanceMinutes + a.validAbsenceMinutes + a.invalidAbsenceMinutes + a.otherAttendanceMinutes,
    0,
  );
  return absent / known;
};

/** Independent Luhn check over the 10-digit form of a 12-digit personnummer. */
function luhnOk(civicNo: string): boolean {
  const digits = civicNo.slice(2);
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

function fingerprint(data: DemoData): string {
  const hash = createHash('sha256');
  for (const [name, content] of Object.entries(data.files)) {
    hash.update(name);
    for (const record of Array.isArray(content) ? content : [content]) hash.update(JSON.stringify(record));
  }
  hash.update(JSON.stringify([data.accounts, data.organiserId, data.scenarios]));
  return hash.digest('hex');
}

/** Pupils a lesson is for: members of its groups on the date, minus participates:false. */
function scheduledPupils(v: View, event: Ss12000CalendarEvent): Set<string> {
  const date = dateOf(event.startTime);
  const activity = v.activityById.get(event.activity.id)!;
  const out = new Set<string>();
  for (const g of activity.groups) {
    for (const m of v.groupById.get(g.id)!.groupMemberships) {
      if (m.startDate <= date && (!m.endDate || date <= m.endDate)) out.add(m.person.id);
    }
  }
  for (const x of event.studentExceptions ?? []) if (!x.participates) out.delete(x.student.id);
  return out;
}

/** Collects failed checks of a hot loop, so one `expect` reports them all (expect per row is slow). */
function problems() {
  const list: string[] = [];
  return { check: (ok: unknown, what: string) => void (ok || (list.length < 20 && list.push(what))), list };
}

function scenarioPupil(v: View, pattern: string): string[] {
  return v.data.scenarios.filter((s) => s.pattern === pattern).map((s) => s.personId);
}

describe('generateDemo', () => {
  let v: View;
  beforeAll(() => {
    v = view(generateDemo({ today: TODAY }));
  });

  it('is deterministic, and the seed matters', () => {
    const a = fingerprint(generateDemo({ today: '2026-03-10', pupilCount: 120, seed: 7 }));
    const b = fingerprint(generateDemo({ today: '2026-03-10', pupilCount: 120, seed: 7 }));
    const c = fingerprint(generateDemo({ today: '2026-03-10', pupilCount: 120, seed: 8 }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('keeps the past unchanged when today moves forward', () => {
    const early = view(generateDemo({ today: '2026-02-16', pupilCount: 120 }));
    const late = view(generateDemo({ today: '2026-04-20', pupilCount: 120 }));
    expect(early.attendances.length).toBeGreaterThan(0);
    const lateById = new Map(late.attendances.map((a) => [a.id, JSON.stringify(a)]));
    for (const a of early.attendances) expect(lateById.get(a.id)).toBe(JSON.stringify(a));
    expect(late.persons.map((p) => p.id)).toEqual(early.persons.map((p) => p.id));
  });

  it('rejects a malformed date or pupil count', () => {
    expect(() => generateDemo({ today: '2026-02-30' })).toThrow(RangeError);
    expect(() => generateDemo({ today: TODAY, pupilCount: 10 })).toThrow(RangeError);
  });

  it('has the organiser and two school units', () => {
    const [organiser, ...units] = v.organisations;
    expect(organiser).toMatchObject({
      id: v.data.organiserId,
      displayName: 'Exempelkommun',
      organisationType: 'Huvudman',
      municipalityCode: '1999',
    });
    expect(units.map((u) => u.displayName)).toEqual(['Exempelskolan F–6', 'Exempelskolan 7–9']);
    for (const u of units) {
      expect(u.organisationType).toBe('Skolenhet');
      expect(u.schoolUnitCode).toMatch(/^\d{8}$/);
      expect(u.parentOrganisation?.id).toBe(organiser.id);
    }
    expect(units[0].schoolTypes).toEqual(['FKLASS', 'GR']);
  });

  it('gives every record meta and the fields its SS12000 schema requires', () => {
    const required: Record<string, string[]> = {
      organisations: ['id', 'meta', 'displayName', 'organisationType'],
      persons: ['id', 'meta', 'givenName', 'familyName'],
      groups: ['id', 'meta', 'displayName', 'groupType', 'organisation', 'startDate'],
      duties: ['id', 'meta', 'dutyAt', 'dutyRole', 'startDate'],
      activities: ['id', 'meta', 'displayName', 'calendarEventsRequired', 'groups', 'organisation', 'startDate'],
      calendarEvents: ['id', 'meta', 'activity', 'startTime', 'endTime'],
      attendances: ['id', 'meta', 'calendarEvent', 'student', 'isReported'],
      absences: ['id', 'meta', 'startTime', 'endTime', 'student', 'type'],
    };
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const { check, list } = problems();
    const ids = new Set<string>();
    let total = 0;
    for (const [file, fields] of Object.entries(required)) {
      for (const record of (v.data.files as unknown as Record<string, Record<string, unknown>[]>)[file]) {
        for (const field of fields) check(record[field] !== undefined, `${file}.${field}`);
        const meta = record.meta as { created: string; modified: string };
        check(Date.parse(meta.created) <= Date.parse(meta.modified), `${file} meta ${record.id}`);
        check(uuid.test(record.id as string), `${file} id ${record.id}`);
        ids.add(record.id as string);
        total++;
      }
    }
    for (const p of v.persons) {
      for (const a of p.addresses ?? [])
        check(a.streetAddress && a.postalCode && a.locality && a.country, `address of ${p.id}`);
      for (const e of p.emails ?? []) check(e.type && e.value, `email of ${p.id}`);
      for (const n of p.phoneNumbers ?? [])
        check(n.type && n.value && typeof n.mobile === 'boolean', `phone of ${p.id}`);
      for (const e of p.enrolments ?? []) check(e.enroledAt.id && e.schoolType && e.startDate, `enrolment of ${p.id}`);
    }
    for (const d of v.duties)
      for (const r of d.assignmentRole ?? []) check(r.assignmentRoleType && r.group.id, `assignmentRole of ${d.id}`);
    for (const a of v.activities) for (const t of a.teachers) check(t.duty.id, `teacher of ${a.id}`);
    for (const e of v.events)
      for (const x of e.studentExceptions ?? [])
        check(x.student.id && typeof x.participates === 'boolean', `exception of ${e.id}`);
    expect(list).toEqual([]);
    expect(ids.size).toBe(total); // no id collisions across files
  });

  it('gives every person a valid personnummer; pupils born in the year that fits their school year', () => {
    const seen = new Set<string>();
    for (const p of v.persons) {
      const civicNo = p.civicNo.value;
      expect(civicNo).toMatch(/^\d{12}$/);
      expect(luhnOk(civicNo), civicNo).toBe(true);
      expect(civicNo.slice(0, 8)).toBe(p.birthDate.replaceAll('-', ''));
      expect(Number(civicNo[10]) % 2 === 1).toBe(p.sex === 'Man');
      seen.add(civicNo);
    }
    expect(seen.size).toBe(v.persons.length);
    for (const p of v.pupils) expect(Number(p.birthDate.slice(0, 4))).toBe(2019 - p.enrolments![0].schoolYear);
  });

  it('has about 600 pupils in classes, each with one or two guardians who are not pupils', () => {
    expect(v.pupils.length).toBe(600);
    const classes = v.groups.filter((g) => g.groupType === 'Klass');
    expect(classes.map((c) => c.displayName)).toContain('7A');
    expect(classes.map((c) => c.displayName)).toContain('9B');
    for (const p of v.pupils) {
      expect(p.responsibles!.length).toBeGreaterThanOrEqual(1);
      expect(p.responsibles!.length).toBeLessThanOrEqual(2);
      for (const r of p.responsibles!) {
        expect(r.relationType).toBe('Vårdnadshavare');
        const guardian = v.personById.get(r.person.id)!;
        expect(guardian.enrolments).toBeUndefined();
        expect(guardian.emails?.length).toBeGreaterThan(0);
        expect(guardian.phoneNumbers?.length).toBeGreaterThan(0);
      }
    }
    const protectedPupils = v.pupils.filter((p) => p.securityMarking === 'Skyddad folkbokföring').length;
    expect(protectedPupils).toBeGreaterThanOrEqual(5);
    expect(protectedPupils).toBeLessThanOrEqual(9);
    expect(v.pupils.filter((p) => p.securityMarking === 'Sekretessmarkering').length).toBeGreaterThanOrEqual(2);
    expect(v.pupils.some((p) => p.addresses![0].municipalityCode === 1880)).toBe(true);
  });

  it('resolves every reference', () => {
    const { check, list } = problems();
    const has = <T>(m: Map<string, T>, id: string, what: string) => check(m.has(id), `${what} ${id}`);
    for (const o of v.organisations) if (o.parentOrganisation) has(v.orgById, o.parentOrganisation.id, 'parent');
    for (const p of v.persons) {
      for (const r of p.responsibles ?? []) has(v.personById, r.person.id, 'responsible');
      for (const e of p.enrolments ?? []) has(v.orgById, e.enroledAt.id, 'enroledAt');
    }
    for (const g of v.groups) {
      has(v.orgById, g.organisation.id, 'group organisation');
      for (const m of g.groupMemberships) has(v.personById, m.person.id, 'group member');
    }
    for (const d of v.duties) {
      has(v.personById, d.person.id, 'duty person');
      has(v.orgById, d.dutyAt.id, 'dutyAt');
      for (const r of d.assignmentRole ?? []) has(v.groupById, r.group.id, 'mentor group');
    }
    for (const a of v.activities) {
      has(v.orgById, a.organisation.id, 'activity organisation');
      for (const g of a.groups) has(v.groupById, g.id, 'activity group');
      for (const t of a.teachers) has(v.dutyById, t.duty.id, 'teacher duty');
    }
    for (const e of v.events) {
      has(v.activityById, e.activity.id, 'event activity');
      for (const x of e.studentExceptions ?? []) has(v.personById, x.student.id, 'exception student');
    }
    for (const a of v.attendances) {
      has(v.eventById, a.calendarEvent.id, 'attendance event');
      has(v.personById, a.student.id, 'attendance student');
    }
    for (const a of v.absences) {
      has(v.personById, a.student.id, 'absence student');
      has(v.personById, a.registeredBy.id, 'absence registeredBy');
      has(v.orgById, a.organisation.id, 'absence organisation');
    }
    for (const d of v.data.files.schoolCalendar.daysOff)
      if (d.schoolUnitId) has(v.orgById, d.schoolUnitId, 'day off unit');
    for (const acc of v.data.accounts) if (acc.personId) has(v.personById, acc.personId, 'account person');
    for (const s of v.data.scenarios) has(v.personById, s.personId, 'scenario pupil');
    expect(list).toEqual([]);
  });

  it('schedules lessons only on school days, at Stockholm local time with the right offset', () => {
    const { terms, daysOff } = v.data.files.schoolCalendar;
    const local = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Stockholm',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    const toLocal = (iso: string) => local.format(new Date(iso)).replace(' ', 'T');
    const { check, list } = problems();
    const offsetOn = new Map<string, string>();
    for (const e of v.events) {
      const date = dateOf(e.startTime);
      const unitId = v.activityById.get(e.activity.id)!.organisation.id;
      check(
        terms.some((t) => date >= t.startDate && date <= t.endDate),
        `outside term ${date}`,
      );
      check(![0, 6].includes(new Date(`${date}T12:00:00Z`).getUTCDay()), `weekend ${date}`);
      check(!daysOff.some((d) => d.date === date && (!d.schoolUnitId || d.schoolUnitId === unitId)), `day off ${date}`);
      for (const t of [e.startTime, e.endTime]) {
        check(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+0[12]:00$/.test(t), `format ${t}`);
        check(toLocal(t) === t.slice(0, 16), `not Stockholm local time: ${t}`);
        offsetOn.set(date, t.slice(-6));
      }
      if (v.activityById.get(e.activity.id)!.activityType === 'Undervisning') {
        const length = minutesBetween(e.startTime, e.endTime);
        check(length >= 40 && length <= 60, `length ${length}`);
      }
    }
    expect(list).toEqual([]);
    // Summer time from 29 March (påsklov follows), winter time again from 25 October (höstlov follows).
    expect([
      offsetOn.get('2026-03-27'),
      offsetOn.get('2026-04-07'),
      offsetOn.get('2026-10-23'),
      offsetOn.get('2026-11-02'),
    ]).toEqual(['+01:00', '+02:00', '+02:00', '+01:00']);
    expect(v.events.some((e) => e.cancelled)).toBe(true);
    expect(new Set(v.events.flatMap((e) => (e.studentExceptions ?? []).map((x) => x.student.id))).size).toBe(2);
  });

  it('gives every class 4–6 lessons a school day, and never books a class or teacher twice at once', () => {
    const perClassDay = new Map<string, number>();
    const booked = new Set<string>();
    const doubleBooked: string[] = [];
    for (const e of v.events) {
      const a = v.activityById.get(e.activity.id)!;
      if (a.activityType !== 'Undervisning') continue;
      const key = `${a.groups[0].id}|${dateOf(e.startTime)}`;
      perClassDay.set(key, (perClassDay.get(key) ?? 0) + 1);
      // All lessons of a unit start on the same slot grid, so equal start times are the only clash.
      for (const who of [a.groups[0].id, a.teachers[0].duty.id]) {
        const slot = `${who}|${e.startTime}`;
        if (booked.has(slot)) doubleBooked.push(slot);
        booked.add(slot);
      }
    }
    expect([...perClassDay.values()].filter((n) => n < 4 || n > 6)).toEqual([]);
    expect(doubleBooked).toEqual([]);
  });

  it('registers minutes that sum to the lesson length, only for scheduled pupils and past lessons', () => {
    const { check, list } = problems();
    const byEvent = new Map<string, Ss12000Attendance[]>();
    for (const a of v.attendances) {
      const event = v.eventById.get(a.calendarEvent.id)!;
      check(dateOf(event.startTime) < TODAY && !event.cancelled && a.isReported, `attendance ${a.id}`);
      const parts = [a.attendanceMinutes, a.validAbsenceMinutes, a.invalidAbsenceMinutes, a.otherAttendanceMinutes];
      check(
        parts.every((m) => Number.isInteger(m) && m >= 0),
        `minutes ${a.id}`,
      );
      check(parts.reduce((x, y) => x + y, 0) === minutesBetween(event.startTime, event.endTime), `sum ${a.id}`);
      (byEvent.get(event.id) ?? byEvent.set(event.id, []).get(event.id)!).push(a);
    }
    expect(list).toEqual([]);
    let past = 0;
    let unregistered = 0;
    for (const e of v.events) {
      if (
        e.cancelled ||
        dateOf(e.startTime) >= TODAY ||
        v.activityById.get(e.activity.id)!.activityType !== 'Undervisning'
      )
        continue;
      const scheduled = scheduledPupils(v, e);
      if (scheduled.size === 0) continue;
      past++;
      const rows = byEvent.get(e.id);
      if (!rows) {
        unregistered++;
        continue;
      }
      expect(new Set(rows.map((r) => r.student.id))).toEqual(scheduled);
    }
    expect(unregistered / past).toBeGreaterThan(0.03);
    expect(unregistered / past).toBeLessThan(0.08);
  });

  it('has one or two teachers with notably worse registration than the rest', () => {
    const registered = new Set(v.attendances.map((a) => a.calendarEvent.id));
    const perDuty = new Map<string, { lessons: number; missing: number }>();
    for (const e of v.events) {
      const a = v.activityById.get(e.activity.id)!;
      if (
        a.activityType !== 'Undervisning' ||
        e.cancelled ||
        dateOf(e.startTime) >= TODAY ||
        scheduledPupils(v, e).size === 0
      )
        continue;
      const x = perDuty.get(a.teachers[0].duty.id) ?? { lessons: 0, missing: 0 };
      x.lessons++;
      if (!registered.has(e.id)) x.missing++;
      perDuty.set(a.teachers[0].duty.id, x);
    }
    const rates = [...perDuty.values()].map((x) => x.missing / x.lessons);
    const bad = rates.filter((r) => r > 0.15).length;
    expect(bad).toBeGreaterThanOrEqual(1);
    expect(bad).toBeLessThanOrEqual(2);
  });

  it('matches guardian reports and leaves with valid absence in the covered lessons', () => {
    const rowsByStudent = new Map<string, Ss12000Attendance[]>();
    for (const a of v.attendances)
      (rowsByStudent.get(a.student.id) ?? rowsByStudent.set(a.student.id, []).get(a.student.id)!).push(a);
    const { check, list } = problems();
    let checked = 0;
    for (const absence of v.absences) {
      const from = Date.parse(absence.startTime);
      const to = Date.parse(absence.endTime);
      check(from < to, `absence ${absence.id} times`);
      check(absence.type === 'Beviljad ledighet' || dateOf(absence.startTime) <= TODAY, `future report ${absence.id}`);
      for (const row of rowsByStudent.get(absence.student.id) ?? []) {
        const e = v.eventById.get(row.calendarEvent.id)!;
        const overlap = (Math.min(to, Date.parse(e.endTime)) - Math.max(from, Date.parse(e.startTime))) / 60_000;
        if (overlap <= 0) continue;
        check(row.validAbsenceMinutes >= overlap, `absence ${absence.id} vs attendance ${row.id}`);
        checked++;
      }
    }
    expect(list).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
    expect(v.absences.some((a) => a.type === 'Beviljad ledighet')).toBe(true);
    const reports = v.absences.filter((a) => a.type === 'Anmäld frånvaro');
    const wholeDay = reports.filter((a) => minutesBetween(a.startTime, a.endTime) >= 8 * 60).length;
    expect(wholeDay / reports.length).toBeGreaterThan(0.8);
  });

  it('keeps most pupils at low, mostly valid absence', () => {
    const byStudent = new Map<string, Ss12000Attendance[]>();
    for (const a of v.attendances)
      (byStudent.get(a.student.id) ?? byStudent.set(a.student.id, []).get(a.student.id)!).push(a);
    const rates = [...byStudent.values()].map(absenceRate).sort((a, b) => a - b);
    const median = rates[Math.floor(rates.length / 2)];
    expect(median).toBeGreaterThan(0.02);
    expect(median).toBeLessThan(0.06);
    const valid = v.attendances.reduce((s, a) => s + a.validAbsenceMinutes, 0);
    const invalid = v.attendances.reduce((s, a) => s + a.invalidAbsenceMinutes, 0);
    expect(valid).toBeGreaterThan(2 * invalid);
  });

  it('plants a 7A pupil with over 40 % absence in January 2026', () => {
    const [pupil] = scenarioPupil(v, 'monthOver40Percent');
    const january = v.attendances.filter(
      (a) => a.student.id === pupil && dateOf(v.eventById.get(a.calendarEvent.id)!.startTime).startsWith('2026-01'),
    );
    expect(january.length).toBeGreaterThan(50);
    expect(absenceRate(january)).toBeGreaterThan(0.4);
  });

  it('plants two pupils with two consecutive months over 20 %', () => {
    const monthsOver20 = (pupil: string) => {
      const byMonth = new Map<string, Ss12000Attendance[]>();
      for (const a of v.attendances.filter((x) => x.student.id === pupil)) {
        const month = dateOf(v.eventById.get(a.calendarEvent.id)!.startTime).slice(0, 7);
        (byMonth.get(month) ?? byMonth.set(month, []).get(month)!).push(a);
      }
      return [...byMonth].filter(([, rows]) => absenceRate(rows) > 0.2).map(([m]) => m);
    };
    const pupils = scenarioPupil(v, 'twoConsecutiveMonthsOver20Percent');
    expect(pupils).toHaveLength(2);
    expect(monthsOver20(pupils[0])).toEqual(expect.arrayContaining(['2026-02', '2026-03']));
    expect(monthsOver20(pupils[1])).toEqual(expect.arrayContaining(['2026-09', '2026-10']));
  });

  it('plants the Monday pattern: Monday absence at least twice the other days', () => {
    const [pupil] = scenarioPupil(v, 'mondayAbsence');
    const rows = v.attendances.filter((a) => a.student.id === pupil);
    const isMonday = (a: Ss12000Attendance) =>
      new Date(`${dateOf(v.eventById.get(a.calendarEvent.id)!.startTime)}T12:00:00Z`).getUTCDay() === 1;
    expect(absenceRate(rows.filter(isMonday))).toBeGreaterThan(2 * absenceRate(rows.filter((a) => !isMonday(a))));
  });

  it('lists every planted pattern once or more', () => {
    const patterns = new Set(v.data.scenarios.map((s) => s.pattern));
    for (const p of [
      'monthOver40Percent',
      'twoConsecutiveMonthsOver20Percent',
      'risingAbsence',
      'mondayAbsence',
      'firstLessonAbsence',
      'subjectAbsence',
      'nearHomeStayer',
      'scatteredInvalidAbsence',
      'protectedIdentityConcerningAbsence',
      'adjustedStudyPlan',
    ]) {
      expect(patterns, p).toContain(p);
    }
  });

  describe('demo accounts', () => {
    const account = (name: string) => v.data.accounts.find((a) => a.username === name)!;
    const dutyOf = (name: string) => v.duties.find((d) => d.person.id === account(name).personId)!;
    const unit79 = () => v.organisations.find((o) => o.displayName === 'Exempelskolan 7–9')!;
    const class7A = () => v.groups.find((g) => g.displayName === '7A')!;

    it('has the six staff accounts and the guardian account with their roles', () => {
      expect(v.data.accounts.map((a) => [a.username, a.role])).toEqual([
        ['admin', 'systemAdmin'],
        ['huvudman', 'organiserAdmin'],
        ['rektor', 'principal'],
        ['elevhalsa', 'studentHealth'],
        ['mentor', 'mentor'],
        ['larare', 'teacher'],
        ['vardnadshavare', 'guardian'],
      ]);
      // The guardian has custody of the planted 7A pupil with rising absence.
      const rising = v.data.scenarios.find((s) => s.pattern === 'risingAbsence')!;
      const pupil = v.data.files.persons.find((p) => (p as { id: string }).id === rising.personId) as {
        responsibles: { person: { id: string }; relationType: string }[];
      };
      expect(pupil.responsibles).toContainEqual({
        person: { id: account('vardnadshavare').personId },
        relationType: 'Vårdnadshavare',
      });
      expect(dutyOf('rektor')).toMatchObject({ dutyRole: 'Rektor', dutyAt: { id: unit79().id } });
      expect(dutyOf('elevhalsa')).toMatchObject({ dutyRole: 'Kurator', dutyAt: { id: unit79().id } });
      for (const name of ['rektor', 'elevhalsa', 'mentor', 'larare'])
        expect(account(name).schoolUnitId).toBe(unit79().id);
    });

    it('mentor is the 7A mentor and teaches', () => {
      const duty = dutyOf('mentor');
      expect(duty.dutyRole).toBe('Lärare');
      expect(duty.assignmentRole).toEqual([
        expect.objectContaining({ assignmentRoleType: 'Mentor', group: { id: class7A().id } }),
      ]);
      expect(
        v.activities.some((a) => a.teachers.some((t) => t.duty.id === duty.id) && a.activityType === 'Undervisning'),
      ).toBe(true);
    });

    it('larare teaches 7A and has a lesson every school day of the 7–9 unit', () => {
      const duty = dutyOf('larare');
      const own = v.activities.filter(
        (a) => a.teachers.some((t) => t.duty.id === duty.id) && a.activityType === 'Undervisning',
      );
      expect(own.some((a) => a.groups[0].id === class7A().id)).toBe(true);
      const ownIds = new Set(own.map((a) => a.id));
      const teachingDays = new Set(
        v.events.filter((e) => ownIds.has(e.activity.id) && !e.cancelled).map((e) => dateOf(e.startTime)),
      );
      const schoolDays = new Set(
        v.events
          .filter((e) => v.activityById.get(e.activity.id)!.organisation.id === unit79().id)
          .map((e) => dateOf(e.startTime)),
      );
      expect(teachingDays).toEqual(schoolDays);
      expect(teachingDays.has(TODAY)).toBe(true);
    });

    it('7A holds the January pupil and the protected pupil', () => {
      const members = new Set(class7A().groupMemberships.map((m) => m.person.id));
      const [january] = scenarioPupil(v, 'monthOver40Percent');
      const [hidden] = scenarioPupil(v, 'protectedIdentityConcerningAbsence');
      expect(members.has(january)).toBe(true);
      expect(members.has(hidden)).toBe(true);
      expect(v.personById.get(hidden)!.securityMarking).toBe('Skyddad folkbokföring');
    });
  });
});

describe('writeDemoFiles', () => {
  it('writes the eight SS12000 files as {"data": [...]} and the school calendar as is', async () => {
    const data = generateDemo({ today: '2026-02-01', pupilCount: 100 });
    const dir = await mkdtemp(join(tmpdir(), 'narvaro-demo-test-'));
    try {
      await writeDemoFiles(data, dir);
      const names = [
        'organisations',
        'persons',
        'groups',
        'duties',
        'activities',
        'calendarEvents',
        'attendances',
        'absences',
      ] as const;
      expect((await readdir(dir)).sort()).toEqual([...names.map((n) => `${n}.json`), 'schoolCalendar.json'].sort());
      for (const name of names) {
        const parsed = JSON.parse(await readFile(join(dir, `${name}.json`), 'utf8'));
        expect(parsed.data).toEqual(data.files[name]);
      }
      expect(JSON.parse(await readFile(join(dir, 'schoolCalendar.json'), 'utf8'))).toEqual(data.files.schoolCalendar);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
