/**
 * Deterministic demo data for Närvaro: SS12000 v2.1 files for the fictional municipality
 * Exempelkommun (a huvudman with an F–6 and a 7–9 school unit, ~600 pupils, spring and autumn
 * term 2026), with a realistic registration history and planted absence patterns.
 *
 * Simplification: the demo keeps one class structure for the whole of 2026 (no promotion to the
 * next school year in August), so that class 7A, its mentor and its planted pupils are the same
 * in both terms. School years and birth years refer to school year 2025/26.
 */
import { mkdir, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type LeaveSpan,
  type LessonInfo,
  type LessonMinutes,
  PupilAbsenceModel,
  type ScenarioPattern,
  type ScenarioSpec,
  WHOLE_DAY_REPORT,
  planLeaves,
} from './absence-model.js';
import {
  DEMO_DAYS_OFF,
  DEMO_TERMS,
  addDays,
  assertDate,
  datesBetween,
  daysBetween,
  isoWeekday,
  schoolDaysOf,
  stockholmDateTime,
  stockholmEpochMs,
  utcTimestamp,
} from './calendar.js';
import { makeCivicNo, makeOrganisationNumber } from './civic-no.js';
import {
  BOY_NAMES,
  FAMILY_NAMES,
  GIRL_NAMES,
  HOME_MUNICIPALITY,
  MAIL_DOMAIN,
  MEN_NAMES,
  type Municipality,
  OTHER_MUNICIPALITIES,
  WOMEN_NAMES,
  asciiSlug,
  fictionalMobile,
} from './names.js';
import { KeyedRandom, type Rng, pick, randInt, shuffled } from './prng.js';
import type {
  Meta,
  Ref,
  SchoolType,
  SecurityMarking,
  Ss12000Absence,
  Ss12000Activity,
  Ss12000Address,
  Ss12000Attendance,
  Ss12000CalendarEvent,
  Ss12000Duty,
  Ss12000Group,
  Ss12000Organisation,
  Ss12000Person,
} from './ss12000-types.js';
import {
  type PlannedActivity,
  type PlannedTeacher,
  type Timetable,
  type TimetableClass,
  type UnitKey,
  buildTimetable,
  slotGrid,
} from './timetable.js';

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/** Options of {@link generateDemo}. */
export interface DemoOptions {
  /** 'YYYY-MM-DD'. Registrations exist only for lessons on dates before this day. */
  today: string;
  /** PRNG seed; the same seed and options always give identical output. Default {@link DEFAULT_DEMO_SEED}. */
  seed?: number;
  /** Number of pupils, at least 100. Default {@link DEFAULT_PUPIL_COUNT}. */
  pupilCount?: number;
}

/** A demo login. Passwords are handled elsewhere. */
export interface DemoAccount {
  username: 'admin' | 'huvudman' | 'rektor' | 'elevhalsa' | 'mentor' | 'larare' | 'vardnadshavare';
  displayName: string;
  /** 'guardian' is a guardian portal account (no staff role). */
  role: 'systemAdmin' | 'organiserAdmin' | 'principal' | 'studentHealth' | 'mentor' | 'teacher' | 'guardian';
  /** SS12000 person id of the staff member (rektor, elevhalsa, mentor, larare) or of the guardian. */
  personId?: string;
  schoolUnitId?: string;
}

/** The SS12000 files (each written as {"data": [...]}) plus Närvaro's school calendar extension. */
export interface Ss12000Files {
  organisations: object[];
  persons: object[];
  groups: object[];
  duties: object[];
  activities: object[];
  calendarEvents: object[];
  attendances: object[];
  absences: object[];
  schoolCalendar: SchoolCalendarFile;
}

/** Närvaro extension: terms and days without lessons (SS12000 has no school calendar). */
export interface SchoolCalendarFile {
  terms: { id: string; name: string; startDate: string; endDate: string }[];
  /** Days off; without `schoolUnitId` they apply to every unit of the organiser. */
  daysOff: { date: string; kind: 'holiday' | 'studyDay'; name: string; schoolUnitId?: string }[];
}

/** A planted pupil and its pattern (one of {@link DEMO_SCENARIO_PATTERNS}). */
export interface DemoScenario {
  personId: string;
  pattern: string;
  /** What to look for, in plain English. */
  description?: string;
}

/** Everything {@link generateDemo} produces. */
export interface DemoData {
  files: Ss12000Files;
  accounts: DemoAccount[];
  organiserId: string;
  scenarios: DemoScenario[];
}

/** Default seed of {@link generateDemo}. */
export const DEFAULT_DEMO_SEED = 1;
/** Default pupil count of {@link generateDemo}. */
export const DEFAULT_PUPIL_COUNT = 600;

/** Every pattern that may appear in `DemoData.scenarios`. */
export const DEMO_SCENARIO_PATTERNS: readonly ScenarioPattern[] = [
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
  'classChange',
  'newArrival',
  'leftSchool',
  'longGrantedLeave',
];

/**
 * Generates the demo municipality. Pure and deterministic: identical options give identical
 * output, and ids are keyed (a pupil, lesson or registration keeps its id when `today` moves).
 * Treat the result as read-only: attendance rows share frozen sub-objects to save memory.
 */
export function generateDemo(options: DemoOptions): DemoData {
  assertDate(options.today);
  const pupilCount = options.pupilCount ?? DEFAULT_PUPIL_COUNT;
  if (!Number.isInteger(pupilCount) || pupilCount < 100 || pupilCount > 5000) {
    throw new RangeError(`pupilCount must be an integer from 100 to 5000, got ${pupilCount}`);
  }
  return new DemoBuilder(options.today, options.seed ?? DEFAULT_DEMO_SEED, pupilCount).build();
}

/**
 * Writes organisations.json … absences.json as {"data": [...]} (one record per line) and
 * schoolCalendar.json as the plain {@link SchoolCalendarFile} object. Creates `dir` if needed.
 */
export async function writeDemoFiles(data: DemoData, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const { schoolCalendar, ...ss12000 } = data.files;
  for (const [name, records] of Object.entries(ss12000)) await writeDataFile(join(dir, `${name}.json`), records);
  await writeFile(join(dir, 'schoolCalendar.json'), `${JSON.stringify(schoolCalendar, null, 2)}\n`);
}

/** Streams in chunks: the attendance file is far too large for a single JSON.stringify. */
async function writeDataFile(path: string, records: readonly object[]): Promise<void> {
  const file = await open(path, 'w');
  try {
    await file.write('{"data":[\n');
    const chunkSize = 5000;
    for (let i = 0; i < records.length; i += chunkSize) {
      const chunk = records.slice(i, i + chunkSize).map((r) => JSON.stringify(r));
      await file.write(chunk.join(',\n') + (i + chunkSize < records.length ? ',\n' : '\n'));
    }
    await file.write(']}\n');
  } finally {
    await file.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Fixed facts of the demo world
// ---------------------------------------------------------------------------------------------

/** First day of school year 2025/26: class groups and memberships start here. */
const SCHOOL_YEAR_START = '2025-08-18';
/** Last day the demo covers. */
const DEMO_END = DEMO_TERMS[DEMO_TERMS.length - 1].endDate;
/** When the source system was set up: `meta` of master data. */
const SETUP_TIME = '2025-08-11T06:00:00Z';
/** When each term's timetable was published. */
const TIMETABLE_PUBLISHED: Record<string, string> = { VT2026: '2025-12-12T09:00:00Z', HT2026: '2026-06-15T09:00:00Z' };
const PUPILS_PER_CLASS = 28;

interface UnitInfo {
  key: UnitKey;
  id: string;
  name: string;
  schoolUnitCode: string;
  schoolTypes: SchoolType[];
  years: number[];
}

const UNIT_SPECS: readonly Omit<UnitInfo, 'id'>[] = [
  {
    key: 'F6',
    name: 'Exempelskolan F–6',
    schoolUnitCode: '85417362',
    schoolTypes: ['FKLASS', 'GR'],
    years: [0, 1, 2, 3, 4, 5, 6],
  },
  { key: 'G79', name: 'Exempelskolan 7–9', schoolUnitCode: '28036419', schoolTypes: ['GR'], years: [7, 8, 9] },
];

/** A planted pupil: which class to take it from and what to do with it. */
interface PlantedEntry extends ScenarioSpec {
  className: string;
  description: string;
  /** classChange: the class the pupil moves to on `date`. */
  moveTo?: string;
  /** classChange / newArrival / leftSchool / adjustedStudyPlan: the day it takes effect. */
  date?: string;
  /** adjustedStudyPlan: subjects removed from the pupil's schedule. */
  exceptSubjects?: string[];
  /** The pupil's family is registered in this municipality instead of Exempelkommun. */
  homeMunicipality?: number;
}

/** 7A holds the patterns the mentor and teacher accounts should see first. */
const PLANTED: readonly PlantedEntry[] = [
  {
    pattern: 'monthOver40Percent',
    className: '7A',
    description: 'Over 40 % absence in January 2026, lower afterwards',
  },
  {
    pattern: 'protectedIdentityConcerningAbsence',
    className: '7A',
    description:
      'Protected identity (skyddad folkbokföring) with concerning absence, mostly without notice; the other guardian lives elsewhere and is not protected',
  },
  { pattern: 'risingAbsence', className: '7A', description: 'Absence rising through each term' },
  { pattern: 'mondayAbsence', className: '7A', description: 'Absent on most Mondays, mostly without notice' },
  {
    pattern: 'classChange',
    className: '7B',
    moveTo: '7A',
    date: '2026-03-02',
    description: 'Moved from 7B to 7A on 2 March 2026',
  },
  {
    pattern: 'scatteredInvalidAbsence',
    className: '7B',
    description: 'Frequent short unexcused absences and late arrivals',
  },
  {
    pattern: 'subjectAbsence',
    className: '8A',
    subject: 'Idrott och hälsa',
    description: 'Almost always absent from Idrott och hälsa',
  },
  {
    pattern: 'firstLessonAbsence',
    className: '8B',
    description: 'Often late or absent at the first lesson of the day',
  },
  {
    pattern: 'twoConsecutiveMonthsOver20Percent',
    className: '9A',
    months: ['2026-02', '2026-03'],
    description: 'Over 20 % absence in both February and March 2026',
  },
  {
    pattern: 'adjustedStudyPlan',
    className: '9A',
    exceptSubjects: ['Moderna språk – spanska', 'Idrott och hälsa'],
    date: '2026-02-02',
    description: 'Adjusted study plan from 2 February 2026: no Moderna språk or Idrott och hälsa',
  },
  {
    pattern: 'nearHomeStayer',
    className: '9B',
    description: 'Near home-stayer: rarely at school since mid-September 2026',
  },
  {
    pattern: 'twoConsecutiveMonthsOver20Percent',
    className: '5B',
    months: ['2026-09', '2026-10'],
    homeMunicipality: 1880,
    description: 'Over 20 % absence in September and October 2026; registered in Örebro (1880)',
  },
  {
    pattern: 'adjustedStudyPlan',
    className: '6A',
    exceptSubjects: ['Musik', 'Slöjd'],
    date: '2026-08-17',
    description: 'Adjusted study plan in the autumn term: no Musik or Slöjd',
  },
  { pattern: 'longGrantedLeave', className: '4A', description: 'Granted leave for two weeks from 21 September 2026' },
  {
    pattern: 'newArrival',
    className: '3A',
    date: '2026-09-07',
    description: 'Moved to Exempelkommun; enrolled from 7 September 2026',
  },
  {
    pattern: 'leftSchool',
    className: '2B',
    date: '2026-04-24',
    description: 'Moved away; enrolment ended 24 April 2026',
  },
];

/** Days a whole class is away on a school-approved activity: lessons count as other attendance. */
const CLASS_AWAY_DAYS: readonly { classNames: string[]; dates: string[]; comment: string }[] = [
  { classNames: ['9A', '9B'], dates: ['2026-04-22'], comment: 'Studiebesök' },
  { classNames: ['5A'], dates: ['2026-09-09'], comment: 'Studiebesök' },
  { classNames: ['8A', '8B'], dates: datesBetween('2026-11-09', '2026-11-13'), comment: 'Prao' },
];

/** Teacher-development days: all of one teacher's lessons that day are cancelled. */
const CANCELLED_TEACHER_DAYS = 6;
/** Cancellations become visible a week ahead. */
const CANCELLATION_NOTICE_DAYS = 7;

/** Teacher-led meetings: Läraraktivitet, not teaching time, no attendance. */
const STAFF_MEETINGS: readonly {
  key: string;
  unit: UnitKey;
  name: string;
  weekday: number;
  start: number;
  end: number;
  everyOtherWeek?: boolean;
  pools?: string[];
}[] = [
  { key: 'atl-f6', unit: 'F6', name: 'Arbetslagsmöte F–6', weekday: 3, start: 14 * 60 + 15, end: 15 * 60 + 15 },
  { key: 'atl-79', unit: 'G79', name: 'Arbetslagsmöte 7–9', weekday: 3, start: 15 * 60 + 20, end: 16 * 60 + 20 },
  {
    key: 'maNo-79',
    unit: 'G79',
    name: 'Ämneslag matematik och NO 7–9',
    weekday: 4,
    start: 15 * 60 + 20,
    end: 16 * 60 + 10,
    everyOtherWeek: true,
    pools: ['MaTk', 'NO'],
  },
];

// ---------------------------------------------------------------------------------------------
// Builder
// ---------------------------------------------------------------------------------------------

interface ClassInfo extends TimetableClass {
  id: string;
  unitInfo: UnitInfo;
}

interface AdultInfo {
  id: string;
  givenName: string;
  familyName: string;
  sex: 'Man' | 'Kvinna';
  birthDate: string;
  civicNo: string;
  address: Ss12000Address;
  marking: SecurityMarking;
}

interface FamilyInfo {
  surname: string;
  municipality: Municipality;
  guardians: AdultInfo[];
  children: PupilInfo[];
}

interface Membership {
  classIdx: number;
  start: string;
  end: string;
}

interface PupilInfo {
  idx: number;
  id: string;
  givenName: string;
  familyName: string;
  sex: 'Man' | 'Kvinna';
  birthDate: string;
  civicNo: string;
  year: number;
  family: FamilyInfo;
  memberships: Membership[];
  enrolmentStart: string;
  enrolmentEnd?: string;
  marking: SecurityMarking;
  planted?: PlantedEntry;
}

interface StaffInfo extends AdultInfo {
  unit: UnitInfo;
  dutyId: string;
  dutyRole: Ss12000Duty['dutyRole'];
  teacher?: PlannedTeacher;
}

interface EventInfo {
  idx: number;
  key: string;
  date: string;
  start: number;
  end: number;
  /** Teaching activity, or undefined for a staff meeting. */
  activity?: PlannedActivity;
  /** Cancelled in the plan; shown as cancelled only within the notice period. */
  cancelled: boolean;
  registered: boolean;
  excluded?: Set<number>;
  /** The class is away (study visit, prao): present pupils get other attendance. */
  classAway: boolean;
  record: Ss12000CalendarEvent;
}

const meta = (created: string, modified = created): Meta => ({ created, modified });
const ref = (id: string, marking?: SecurityMarking): Ref =>
  marking && marking !== 'Ingen' ? { id, securityMarking: marking } : { id };

class DemoBuilder {
  private readonly keyed: KeyedRandom;
  private readonly units: UnitInfo[];
  private readonly organiserId: string;
  private readonly classes: ClassInfo[] = [];
  private readonly pupils: PupilInfo[] = [];
  private readonly families: FamilyInfo[] = [];
  private readonly staff: StaffInfo[] = [];
  private readonly usedCivicNos = new Set<string>();
  private readonly events: EventInfo[] = [];
  private readonly eventsByClassDay = new Map<string, EventInfo[]>();
  private readonly activityIds = new Map<number, string>();
  private readonly staffGroupIds = new Map<UnitKey, string>();
  private readonly staffMeetingIds = new Map<string, string>();
  private readonly timetable: Timetable;
  private readonly gapRates = new Map<number, number>();

  constructor(
    private readonly today: string,
    seed: number,
    private readonly pupilCount: number,
  ) {
    this.keyed = new KeyedRandom(seed);
    this.organiserId = this.keyed.uuid('organisation:organiser');
    this.units = UNIT_SPECS.map((u) => ({ ...u, id: this.keyed.uuid(`organisation:${u.key}`) }));
    this.createClasses();
    this.timetable = buildTimetable(this.classes, this.keyed.stream('timetable'));
  }

  build(): DemoData {
    this.createPupilsAndFamilies();
    this.plantScenarios();
    this.markProtectedAndOtherMunicipalities();
    this.createStaff();
    this.createCalendarEvents();
    const { attendances, absences } = this.createRegistrations();
    const organisations = this.organisationRecords();
    const persons = [
      ...this.pupils.map((p) => this.pupilRecord(p)),
      ...this.families.flatMap((f) => f.guardians.map((g) => this.adultRecord(g, 'Privat'))),
      ...this.staff.map((s) => this.adultRecord(s, 'Skola personal')),
    ];
    return {
      organiserId: this.organiserId,
      files: {
        organisations,
        persons,
        groups: this.groupRecords(),
        duties: this.staff.map((s) => this.dutyRecord(s)),
        activities: this.activityRecords(),
        calendarEvents: this.events.map((e) => e.record),
        attendances,
        absences,
        schoolCalendar: this.schoolCalendar(),
      },
      accounts: this.accounts(),
      scenarios: PLANTED.flatMap((entry) =>
        this.pupils
          .filter((p) => p.planted === entry)
          .map((p) => ({ personId: p.id, pattern: entry.pattern, description: entry.description })),
      ),
    };
  }

  // --- classes and population ---------------------------------------------------------------

  private createClasses(): void {
    for (const unit of this.units) {
      for (const year of unit.years) {
        const count = Math.max(1, Math.round(this.pupilsInYear(year) / PUPILS_PER_CLASS));
        for (let i = 0; i < count; i++) {
          const name = `${year === 0 ? 'F' : year}${String.fromCharCode(65 + i)}`;
          this.classes.push({
            idx: this.classes.length,
            name,
            year,
            unit: unit.key,
            unitInfo: unit,
            id: this.keyed.uuid(`group:class:${name}`),
          });
        }
      }
    }
  }

  private pupilsInYear(year: number): number {
    return Math.floor(this.pupilCount / 10) + (year < this.pupilCount % 10 ? 1 : 0);
  }

  private classByName(name: string): ClassInfo | undefined {
    return this.classes.find((c) => c.name === name);
  }

  /**
   * Families of one to three children at random places in the school; children of one family
   * share surname, guardians and address, and twins (same year) share a birth date.
   */
  private createPupilsAndFamilies(): void {
    const rng = this.keyed.stream('population');
    const places: number[] = [];
    for (let year = 0; year <= 9; year++) {
      const yearClasses = this.classes.filter((c) => c.year === year);
      for (let i = 0; i < this.pupilsInYear(year); i++) places.push(yearClasses[i % yearClasses.length].idx);
    }
    const queue = shuffled(rng, places);
    const drafts: Omit<PupilInfo, 'idx' | 'id'>[] = [];
    while (queue.length > 0) {
      const r = rng();
      const size = Math.min(queue.length, r < 0.8 ? 1 : r < 0.97 ? 2 : 3);
      const family = this.createFamily(rng);
      const birthDates = new Map<number, string>();
      for (const classIdx of queue.splice(0, size)) {
        const year = this.classes[classIdx].year;
        const sex = rng() < 0.5 ? 'Man' : 'Kvinna';
        const birthDate = birthDates.get(year) ?? randomDateInYear(rng, 2019 - year);
        birthDates.set(year, birthDate);
        drafts.push({
          givenName: pick(rng, sex === 'Man' ? BOY_NAMES : GIRL_NAMES),
          familyName: family.surname,
          sex,
          birthDate,
          civicNo: this.uniqueCivicNo(rng, birthDate, sex),
          year,
          family,
          memberships: [{ classIdx, start: SCHOOL_YEAR_START, end: DEMO_END }],
          enrolmentStart: unitEntryDate(this.classes[classIdx]),
          marking: 'Ingen',
        });
      }
      this.fitGuardiansToChildren(rng, family, drafts.slice(-size));
      this.families.push(family);
    }
    // Stable order: by class, then name; the id is keyed by this position.
    const byPlace = (p: Omit<PupilInfo, 'idx' | 'id'>) => p.memberships[0].classIdx;
    drafts.sort(
      (a, b) =>
        byPlace(a) - byPlace(b) ||
        a.familyName.localeCompare(b.familyName, 'sv') ||
        a.givenName.localeCompare(b.givenName, 'sv') ||
        a.civicNo.localeCompare(b.civicNo),
    );
    drafts.forEach((d, idx) => {
      const pupil: PupilInfo = { ...d, idx, id: this.keyed.uuid(`person:pupil:${idx}`) };
      this.pupils.push(pupil);
      d.family.children.push(pupil);
    });
    for (const [i, f] of this.families.entries()) {
      for (const [j, g] of f.guardians.entries()) g.id = this.keyed.uuid(`person:guardian:${i}:${j}`);
    }
  }

  private createFamily(rng: Rng): FamilyInfo {
    const surname = pick(rng, FAMILY_NAMES);
    const municipality = HOME_MUNICIPALITY;
    const family: FamilyInfo = { surname, municipality, guardians: [], children: [] };
    const household = randomAddress(rng, municipality);
    const firstSex = rng() < 0.55 ? 'Kvinna' : 'Man';
    family.guardians.push(this.createAdult(rng, firstSex, surname, household));
    if (rng() < 0.82) {
      const secondSex = rng() < 0.9 ? (firstSex === 'Man' ? 'Kvinna' : 'Man') : firstSex;
      const separated = rng() < 0.15;
      family.guardians.push(
        this.createAdult(
          rng,
          secondSex,
          rng() < 0.7 ? surname : pick(rng, FAMILY_NAMES),
          separated ? randomAddress(rng, municipality) : household,
        ),
      );
    }
    return family;
  }

  /** An adult; the id is assigned later, once the family's position is known. */
  private createAdult(
    rng: Rng,
    sex: 'Man' | 'Kvinna',
    familyName: string,
    address: Ss12000Address,
    birthYear = randInt(rng, 1976, 1990),
  ): AdultInfo {
    const birthDate = randomDateInYear(rng, birthYear);
    return {
      id: '',
      givenName: pick(rng, sex === 'Man' ? MEN_NAMES : WOMEN_NAMES),
      familyName,
      sex,
      birthDate,
      civicNo: this.uniqueCivicNo(rng, birthDate, sex),
      address,
      marking: 'Ingen',
    };
  }

  /** Guardians are born 22–40 years before their oldest child. */
  private fitGuardiansToChildren(rng: Rng, family: FamilyInfo, children: readonly { birthDate: string }[]): void {
    const oldest = Math.min(...children.map((c) => Number(c.birthDate.slice(0, 4))));
    for (const g of family.guardians) {
      const year = Number(g.birthDate.slice(0, 4));
      if (oldest - year >= 22 && oldest - year <= 40) continue;
      g.birthDate = randomDateInYear(rng, oldest - randInt(rng, 24, 38));
      this.usedCivicNos.delete(g.civicNo);
      g.civicNo = this.uniqueCivicNo(rng, g.birthDate, g.sex);
    }
  }

  private uniqueCivicNo(rng: Rng, birthDate: string, sex: 'Man' | 'Kvinna'): string {
    for (;;) {
      const civicNo = makeCivicNo(birthDate, randInt(rng, 0, 999), sex);
      if (!this.usedCivicNos.has(civicNo)) {
        this.usedCivicNos.add(civicNo);
        return civicNo;
      }
    }
  }

  // --- planted scenarios ----------------------------------------------------------------------

  private plantScenarios(): void {
    const rng = this.keyed.stream('planting');
    for (const entry of PLANTED) {
      const cls = this.classByName(entry.className) ?? this.classByName(`${entry.className[0]}A`);
      const target = entry.moveTo ? this.classByName(entry.moveTo) : undefined;
      if (!cls || (entry.moveTo && (!target || target === cls))) continue; // too few classes for this one
      const candidates = this.pupils.filter(
        (p) => !p.planted && p.memberships[0].classIdx === cls.idx && p.family.children.length === 1,
      );
      if (candidates.length === 0) continue;
      const pupil = pick(rng, candidates);
      pupil.planted = entry;
      const date = entry.date;
      switch (entry.pattern) {
        case 'classChange':
          pupil.memberships = [
            { classIdx: cls.idx, start: SCHOOL_YEAR_START, end: addDays(date!, -1) },
            { classIdx: target!.idx, start: date!, end: DEMO_END },
          ];
          break;
        case 'newArrival':
          pupil.memberships[0].start = date!;
          pupil.enrolmentStart = date!;
          break;
        case 'leftSchool':
          pupil.memberships[0].end = date!;
          pupil.enrolmentEnd = date!;
          break;
        case 'protectedIdentityConcerningAbsence':
          this.makeSeparatedProtectedHousehold(rng, pupil.family);
          break;
      }
      if (entry.homeMunicipality) this.moveFamily(rng, pupil.family, entry.homeMunicipality);
    }
  }

  /**
   * The protected pupil lives with one protected guardian; the other guardian lives elsewhere,
   * is not protected, and must never see the address — the case the notification rules exist for.
   */
  private makeSeparatedProtectedHousehold(rng: Rng, family: FamilyInfo): void {
    const [first] = family.guardians;
    if (family.guardians.length === 1) {
      const sex = first.sex === 'Man' ? 'Kvinna' : 'Man';
      const second = this.createAdult(
        rng,
        sex,
        family.surname,
        first.address,
        Number(first.birthDate.slice(0, 4)) + randInt(rng, -3, 3),
      );
      second.id = this.keyed.uuid(`person:guardian:${this.families.indexOf(family)}:1`);
      family.guardians.push(second);
    }
    family.guardians[1].address = randomAddress(rng, family.municipality);
    this.protectHousehold(family);
  }

  /** Protection covers the children and every guardian sharing their address. */
  private protectHousehold(family: FamilyInfo): void {
    const household = family.guardians[0].address;
    for (const g of family.guardians) if (g.address === household) g.marking = 'Skyddad folkbokföring';
    for (const c of family.children) c.marking = 'Skyddad folkbokföring';
  }

  private moveFamily(rng: Rng, family: FamilyInfo, municipalityCode: number): void {
    const municipality = OTHER_MUNICIPALITIES.find((m) => m.code === municipalityCode) ?? OTHER_MUNICIPALITIES[0];
    const old = family.guardians[0].address;
    const household = randomAddress(rng, municipality);
    family.municipality = municipality;
    for (const g of family.guardians) g.address = g.address === old ? household : randomAddress(rng, municipality);
  }

  /** About 1 % of pupils protected, three with sekretessmarkering, ~1.5 % of families elsewhere. */
  private markProtectedAndOtherMunicipalities(): void {
    const rng = this.keyed.stream('markings');
    const ordinary = shuffled(
      rng,
      this.families.filter((f) => f.children.every((c) => !c.planted)),
    );
    const protectedTarget = Math.max(1, Math.round(this.pupilCount * 0.01));
    const countProtected = () => this.pupils.filter((p) => p.marking === 'Skyddad folkbokföring').length;
    while (countProtected() < protectedTarget && ordinary.length > 0) this.protectHousehold(ordinary.pop()!);
    for (const family of ordinary.splice(-3)) family.children[0].marking = 'Sekretessmarkering';
    const movedFamilies = Math.max(1, Math.round(this.families.length * 0.015));
    for (const family of ordinary.splice(-movedFamilies))
      this.moveFamily(rng, family, pick(rng, OTHER_MUNICIPALITIES).code);
  }

  // --- staff ----------------------------------------------------------------------------------

  private createStaff(): void {
    const rng = this.keyed.stream('staff');
    const add = (unit: UnitInfo, dutyRole: StaffInfo['dutyRole'], teacher?: PlannedTeacher) => {
      const sex = rng() < 0.65 ? 'Kvinna' : 'Man';
      const key = `${unit.key}:${this.staff.length}`;
      const adult = this.createAdult(
        rng,
        sex,
        pick(rng, FAMILY_NAMES),
        randomAddress(rng, HOME_MUNICIPALITY),
        randInt(rng, 1962, 1996),
      );
      this.staff.push({
        ...adult,
        id: this.keyed.uuid(`person:staff:${key}`),
        dutyId: this.keyed.uuid(`duty:${key}`),
        unit,
        dutyRole,
        teacher,
      });
    };
    for (const unit of this.units) {
      add(unit, 'Rektor');
      add(unit, 'Kurator');
      add(unit, 'Skolsköterska');
      for (const t of this.timetable.teachers.filter((x) => x.unit === unit.key)) add(unit, 'Lärare', t);
      this.staffGroupIds.set(unit.key, this.keyed.uuid(`group:staff:${unit.key}`));
    }
  }

  private readonly schoolDayCache = new Map<UnitKey, string[]>();

  private schoolDays(unit: UnitKey): string[] {
    let days = this.schoolDayCache.get(unit);
    if (!days) {
      days = schoolDaysOf(unit);
      this.schoolDayCache.set(unit, days);
    }
    return days;
  }

  private staffOf(unit: UnitKey, role: StaffInfo['dutyRole']): StaffInfo {
    return this.staff.find((s) => s.unit.key === unit && s.dutyRole === role)!;
  }

  private teacherStaff(teacherIdx: number): StaffInfo {
    return this.staff.find((s) => s.teacher?.idx === teacherIdx)!;
  }

  /** The 7A mentor: the 'mentor' account. */
  private demoMentor(): StaffInfo {
    const seventhA = this.classes.find((c) => c.year === 7)!;
    return this.staff.find((s) => s.teacher?.mentorOf.includes(seventhA.idx))!;
  }

  // --- timetable ------------------------------------------------------------------------------

  /**
   * Expands the weekly timetable over every school day of both terms (lessons per class, plus
   * the staff meetings), marks cancellations, adjusted study plans and registration gaps.
   */
  private createCalendarEvents(): void {
    const awayDays = this.classAwayDays();
    const cancelled = this.cancelledTeacherDays();
    const exclusions = this.studyPlanExclusions();
    const schoolDays = new Map(this.units.map((u) => [u.key, new Set(this.schoolDays(u.key))]));
    for (const meeting of STAFF_MEETINGS)
      this.staffMeetingIds.set(meeting.key, this.keyed.uuid(`activity:staff:${meeting.key}`));
    for (const a of this.timetable.activities)
      this.activityIds.set(a.idx, this.keyed.uuid(`activity:${this.classes[a.classIdx].name}:${a.subject}`));

    for (const term of DEMO_TERMS) {
      for (const date of datesBetween(term.startDate, term.endDate)) {
        const weekday = isoWeekday(date);
        for (const unit of this.units) {
          if (!schoolDays.get(unit.key)!.has(date)) continue;
          const grid = slotGrid(unit.key);
          for (const cls of this.classes.filter((c) => c.unit === unit.key)) {
            const dayEvents: EventInfo[] = [];
            this.timetable.week.get(cls.idx)![weekday - 1].forEach((activityIdx, slot) => {
              const activity = this.timetable.activities[activityIdx];
              const key = `${cls.name}:${date}:${slot}`;
              dayEvents.push(
                this.addEvent(term.key, key, date, grid[slot], {
                  activity,
                  cancelled: cancelled.has(`${activity.teacherIdx}|${date}`),
                  excluded: exclusions
                    .filter((x) => x.classIdx === cls.idx && x.subjects.includes(activity.subject) && date >= x.from)
                    .map((x) => x.pupil),
                  comment: awayDays.get(`${cls.idx}|${date}`),
                }),
              );
            });
            this.eventsByClassDay.set(`${cls.idx}|${date}`, dayEvents);
          }
          for (const meeting of STAFF_MEETINGS.filter((m) => m.unit === unit.key && m.weekday === weekday)) {
            if (meeting.everyOtherWeek && Math.floor(daysBetween('2026-01-05', date) / 7) % 2 === 1) continue;
            this.addEvent(term.key, `staff:${meeting.key}:${date}`, date, meeting, { meetingKey: meeting.key });
          }
        }
      }
    }
  }

  private addEvent(
    termKey: string,
    key: string,
    date: string,
    time: { start: number; end: number },
    opts: {
      activity?: PlannedActivity;
      meetingKey?: string;
      cancelled?: boolean;
      excluded?: PupilInfo[];
      comment?: string;
    },
  ): EventInfo {
    const { activity, cancelled = false, excluded = [] } = opts;
    const id = this.keyed.uuid(`calendarEvent:${key}`);
    const published = TIMETABLE_PUBLISHED[termKey];
    const showCancelled = cancelled && daysBetween(this.today, date) <= CANCELLATION_NOTICE_DAYS;
    const record: Ss12000CalendarEvent = {
      id,
      meta: showCancelled
        ? meta(published, utcTimestamp(stockholmEpochMs(addDays(date, -CANCELLATION_NOTICE_DAYS), 12 * 60)))
        : meta(published),
      activity: { id: activity ? this.activityIds.get(activity.idx)! : this.staffMeetingIds.get(opts.meetingKey!)! },
      startTime: stockholmDateTime(date, time.start),
      endTime: stockholmDateTime(date, time.end),
      cancelled: showCancelled,
    };
    if (showCancelled) record.comment = 'Inställd: läraren på fortbildning';
    else if (opts.comment) record.comment = opts.comment;
    if (excluded.length > 0)
      record.studentExceptions = excluded.map((p) => ({ student: ref(p.id, p.marking), participates: false }));
    const teacherIdx = activity?.teacherIdx;
    const info: EventInfo = {
      idx: this.events.length,
      key,
      date,
      start: time.start,
      end: time.end,
      activity,
      cancelled,
      registered:
        teacherIdx === undefined || this.keyed.unit(`registration:${key}`) >= this.registrationGapRate(teacherIdx),
      excluded: excluded.length > 0 ? new Set(excluded.map((p) => p.idx)) : undefined,
      classAway: opts.comment !== undefined,
      record,
    };
    this.events.push(info);
    return info;
  }

  /**
   * Share of a teacher's past lessons left unconfirmed. Most teachers miss a few per cent; the
   * 7–9 Bild/Musik teacher and the last F–6 PE teacher are notably worse, the demo accounts good.
   */
  private registrationGapRate(teacherIdx: number): number {
    let rate = this.gapRates.get(teacherIdx);
    if (rate === undefined) {
      rate = this.computeGapRate(teacherIdx);
      this.gapRates.set(teacherIdx, rate);
    }
    return rate;
  }

  private computeGapRate(teacherIdx: number): number {
    const teacher = this.timetable.teachers[teacherIdx];
    const sameUnitPool = this.timetable.teachers.filter((t) => t.unit === teacher.unit && t.pool === teacher.pool);
    if (teacher.unit === 'G79' && teacher.pool === 'BildMusik' && sameUnitPool[0] === teacher) return 0.25;
    if (teacher.unit === 'F6' && teacher.pool === 'Idrott' && sameUnitPool[sameUnitPool.length - 1] === teacher)
      return 0.18;
    if (teacherIdx === this.timetable.demoTeacherIdx || this.demoMentor().teacher === teacher) return 0.015;
    return 0.02 + 0.05 * this.keyed.unit(`registration-habit:${teacherIdx}`);
  }

  private classAwayDays(): Map<string, string> {
    const out = new Map<string, string>();
    for (const away of CLASS_AWAY_DAYS) {
      for (const name of away.classNames) {
        const cls = this.classByName(name);
        if (cls) for (const date of away.dates) out.set(`${cls.idx}|${date}`, away.comment);
      }
    }
    return out;
  }

  /** 'teacherIdx|date' of planned cancellations; never the 'larare' account's lessons. */
  private cancelledTeacherDays(): Set<string> {
    const rng = this.keyed.stream('cancellations');
    const out = new Set<string>();
    const teachers = this.timetable.teachers.filter((t) => t.idx !== this.timetable.demoTeacherIdx);
    while (out.size < CANCELLED_TEACHER_DAYS) {
      const teacher = pick(rng, teachers);
      out.add(`${teacher.idx}|${pick(rng, this.schoolDays(teacher.unit))}`);
    }
    return out;
  }

  private studyPlanExclusions(): { pupil: PupilInfo; classIdx: number; subjects: string[]; from: string }[] {
    return this.pupils
      .filter((p) => p.planted?.pattern === 'adjustedStudyPlan')
      .map((p) => ({
        pupil: p,
        classIdx: p.memberships[0].classIdx,
        subjects: p.planted!.exceptSubjects!,
        from: p.planted!.date!,
      }));
  }

  // --- registrations --------------------------------------------------------------------------

  /**
   * Runs every pupil's attendance model over all school days, then keeps what is visible on
   * `today`: Attendance for registered lessons before today, guardian reports up to today, and
   * leaves already granted.
   */
  private createRegistrations(): { attendances: Ss12000Attendance[]; absences: Ss12000Absence[] } {
    const byEvent: Ss12000Attendance[][] = this.events.map(() => []);
    const absences: { at: number; record: Ss12000Absence }[] = [];
    // Rows of one lesson share its (frozen) meta and event reference: ~430k rows, far less garbage.
    const shared = new Map<EventInfo, { meta: Meta; calendarEvent: Ref }>();
    const sharedParts = (e: EventInfo) => {
      let parts = shared.get(e);
      if (!parts) {
        // The teacher confirms the whole lesson at once, up to a few hours after it ends.
        const at = utcTimestamp(
          stockholmEpochMs(e.date, e.end + Math.floor(this.keyed.unit(`registered-at:${e.key}`) * 180)),
        );
        parts = { meta: Object.freeze(meta(at)), calendarEvent: Object.freeze({ id: e.record.id }) };
        shared.set(e, parts);
      }
      return parts;
    };

    for (const pupil of this.pupils) {
      const unit = this.classes[pupil.memberships[0].classIdx].unitInfo;
      const schoolDays = this.schoolDays(unit.key);
      const rng = this.keyed.stream(`attendance-model:${pupil.idx}`);
      const leaves = planLeaves(pupil.planted, schoolDays, rng);
      const model = new PupilAbsenceModel(pupil.planted, schoolDays, rng);
      const onLeave = new Set(leaves.flatMap((l) => schoolDays.filter((d) => d >= l.first && d <= l.last)));
      const studentRef: Ref = Object.freeze({ id: pupil.id });
      for (const leave of leaves) {
        const enrolled = pupil.memberships.some((m) => leave.first >= m.start && leave.last <= m.end);
        const absence = enrolled ? this.leaveRecord(pupil, unit, leave) : null;
        if (absence) absences.push(absence);
      }

      for (const date of schoolDays) {
        const membership = pupil.memberships.find((m) => date >= m.start && date <= m.end);
        if (!membership) continue;
        const lessons = (this.eventsByClassDay.get(`${membership.classIdx}|${date}`) ?? []).filter(
          (e) => !e.cancelled && !e.excluded?.has(pupil.idx),
        );
        if (lessons.length === 0) continue;
        const infos: LessonInfo[] = lessons.map((e) => ({ subject: e.activity!.subject, start: e.start, end: e.end }));
        const result = onLeave.has(date)
          ? {
              lessons: infos.map((l): LessonMinutes => ({ attended: 0, valid: l.end - l.start, invalid: 0, other: 0 })),
              report: null,
            }
          : model.day(
              date,
              infos,
              lessons.some((e) => e.classAway),
            );
        if (result.report && date <= this.today) absences.push(this.reportRecord(pupil, unit, date, result.report));
        if (date >= this.today) continue;
        lessons.forEach((event, i) => {
          if (!event.registered) return;
          const m = result.lessons[i];
          const parts = sharedParts(event);
          byEvent[event.idx].push({
            id: this.keyed.uuid(`attendance:${event.key}:${pupil.idx}`),
            meta: parts.meta,
            calendarEvent: parts.calendarEvent,
            student: studentRef,
            isReported: true,
            attendanceMinutes: m.attended,
            validAbsenceMinutes: m.valid,
            invalidAbsenceMinutes: m.invalid,
            otherAttendanceMinutes: m.other,
          });
        });
      }
    }
    absences.sort((a, b) => a.at - b.at || a.record.id.localeCompare(b.record.id));
    return { attendances: byEvent.flat(), absences: absences.map((a) => a.record) };
  }

  /** A guardian's report, made the same morning or the evening before. */
  private reportRecord(
    pupil: PupilInfo,
    unit: UnitInfo,
    date: string,
    window: { start: number; end: number },
  ): { at: number; record: Ss12000Absence } {
    const r = this.keyed.unit(`report-time:${pupil.idx}:${date}`);
    const reportedAt =
      r < 0.6
        ? stockholmEpochMs(date, 6 * 60 + 30 + Math.floor(r * 140))
        : stockholmEpochMs(date, -4 * 60 + Math.floor(r * 150));
    const start = stockholmEpochMs(date, window.start);
    const wholeDay = window.start === WHOLE_DAY_REPORT.start && window.end === WHOLE_DAY_REPORT.end;
    const guardian = pupil.family.guardians[0];
    return {
      at: start,
      record: {
        id: this.keyed.uuid(`absence:report:${pupil.idx}:${date}`),
        meta: meta(utcTimestamp(wholeDay ? reportedAt : start - 2 * 86_400_000)),
        startTime: stockholmDateTime(date, window.start),
        endTime: stockholmDateTime(date, window.end),
        type: 'Anmäld frånvaro',
        student: ref(pupil.id, pupil.marking),
        organisation: { id: unit.id },
        registeredBy: ref(guardian.id, guardian.marking),
      },
    };
  }

  /** A leave granted by the principal three weeks ahead; hidden until it has been granted. */
  private leaveRecord(
    pupil: PupilInfo,
    unit: UnitInfo,
    leave: LeaveSpan,
  ): { at: number; record: Ss12000Absence } | null {
    const granted = addDays(leave.first, -21);
    if (granted > this.today) return null;
    const start = stockholmEpochMs(leave.first, WHOLE_DAY_REPORT.start);
    return {
      at: start,
      record: {
        id: this.keyed.uuid(`absence:leave:${pupil.idx}:${leave.first}`),
        meta: meta(utcTimestamp(stockholmEpochMs(granted, 10 * 60))),
        startTime: stockholmDateTime(leave.first, WHOLE_DAY_REPORT.start),
        endTime: stockholmDateTime(leave.last, WHOLE_DAY_REPORT.end),
        type: 'Beviljad ledighet',
        student: ref(pupil.id, pupil.marking),
        organisation: { id: unit.id },
        registeredBy: { id: this.staffOf(unit.key, 'Rektor').id },
      },
    };
  }

  // --- SS12000 records ------------------------------------------------------------------------

  private organisationRecords(): Ss12000Organisation[] {
    const address = (streetAddress: string) => ({
      type: 'Besöksadress' as const,
      streetAddress,
      postalCode: '199 30',
      locality: HOME_MUNICIPALITY.locality,
      municipalityCode: HOME_MUNICIPALITY.code,
      countyCode: HOME_MUNICIPALITY.countyCode,
      country: 'Sverige',
    });
    const organiser: Ss12000Organisation = {
      id: this.organiserId,
      meta: meta(SETUP_TIME),
      displayName: 'Exempelkommun',
      organisationType: 'Huvudman',
      organisationNumber: makeOrganisationNumber('212000199'),
      municipalityCode: String(HOME_MUNICIPALITY.code),
      address: address('Stadshustorget 1'),
      url: `https://${MAIL_DOMAIN}`,
      email: `utbildning@${MAIL_DOMAIN}`,
    };
    return [
      organiser,
      ...this.units.map(
        (u, i): Ss12000Organisation => ({
          id: u.id,
          meta: meta(SETUP_TIME),
          displayName: u.name,
          organisationType: 'Skolenhet',
          schoolUnitCode: u.schoolUnitCode,
          schoolTypes: [...u.schoolTypes],
          parentOrganisation: { id: this.organiserId },
          municipalityCode: String(HOME_MUNICIPALITY.code),
          address: address(`Skolgatan ${1 + 2 * i}`),
          email: `${asciiSlug(u.name)}@${MAIL_DOMAIN}`,
        }),
      ),
    ];
  }

  private pupilRecord(p: PupilInfo): Ss12000Person {
    const cls = this.classes[p.memberships[0].classIdx];
    return {
      id: p.id,
      meta: meta(SETUP_TIME),
      givenName: p.givenName,
      familyName: p.familyName,
      civicNo: { value: p.civicNo, nationality: 'SE' },
      birthDate: p.birthDate,
      sex: p.sex,
      securityMarking: p.marking,
      personStatus: 'Aktiv',
      addresses: [{ ...p.family.guardians[0].address }],
      enrolments: [
        {
          enroledAt: { id: cls.unitInfo.id },
          schoolYear: p.year,
          schoolType: p.year === 0 ? 'FKLASS' : 'GR',
          startDate: p.enrolmentStart,
          ...(p.enrolmentEnd ? { endDate: p.enrolmentEnd } : {}),
        },
      ],
      responsibles: p.family.guardians.map((g) => ({
        person: ref(g.id, g.marking),
        relationType: 'Vårdnadshavare' as const,
      })),
    };
  }

  /** Guardians and staff: no enrolments; private or work contact details. */
  private adultRecord(a: AdultInfo, emailType: 'Privat' | 'Skola personal'): Ss12000Person {
    const n = this.keyed.int(`phone:${a.id}`);
    const local = `${asciiSlug(a.givenName)}.${asciiSlug(a.familyName)}`;
    return {
      id: a.id,
      meta: meta(SETUP_TIME),
      givenName: a.givenName,
      familyName: a.familyName,
      civicNo: { value: a.civicNo, nationality: 'SE' },
      birthDate: a.birthDate,
      sex: a.sex,
      securityMarking: a.marking,
      personStatus: 'Aktiv',
      emails: [
        {
          value: emailType === 'Privat' ? `${local}${n % 100}@privat.example` : `${local}@${MAIL_DOMAIN}`,
          type: emailType,
        },
      ],
      phoneNumbers: [{ value: fictionalMobile(n), type: emailType === 'Privat' ? 'Hem' : 'Arbete', mobile: true }],
      ...(emailType === 'Privat' ? { addresses: [{ ...a.address }] } : {}),
    };
  }

  private groupRecords(): Ss12000Group[] {
    const classGroups = this.classes.map(
      (c): Ss12000Group => ({
        id: c.id,
        meta: meta(SETUP_TIME),
        displayName: c.name,
        startDate: SCHOOL_YEAR_START,
        endDate: DEMO_END,
        groupType: 'Klass',
        schoolType: c.year === 0 ? 'FKLASS' : 'GR',
        organisation: { id: c.unitInfo.id },
        groupMemberships: this.pupils.flatMap((p) =>
          p.memberships
            .filter((m) => m.classIdx === c.idx)
            .map((m) => ({ person: ref(p.id, p.marking), startDate: m.start, endDate: m.end })),
        ),
      }),
    );
    // Staff groups carry the Läraraktivitet meetings (an Activity needs at least one group).
    const staffGroups = this.units.map(
      (u): Ss12000Group => ({
        id: this.staffGroupIds.get(u.key)!,
        meta: meta(SETUP_TIME),
        displayName: `Arbetslag ${u.name.replace('Exempelskolan ', '')}`,
        startDate: SCHOOL_YEAR_START,
        groupType: 'Personalgrupp',
        organisation: { id: u.id },
        groupMemberships: this.staff
          .filter((s) => s.unit === u && s.teacher)
          .map((s) => ({ person: { id: s.id }, startDate: SCHOOL_YEAR_START })),
      }),
    );
    return [...classGroups, ...staffGroups];
  }

  private dutyRecord(s: StaffInfo): Ss12000Duty {
    const duty: Ss12000Duty = {
      id: s.dutyId,
      meta: meta(SETUP_TIME),
      person: { id: s.id },
      dutyAt: { id: s.unit.id },
      dutyRole: s.dutyRole,
      signature: (s.givenName.slice(0, 2) + s.familyName.slice(0, 2)).toUpperCase(),
      dutyPercent: 100,
      startDate: `${2010 + (this.keyed.int(`duty-start:${s.id}`) % 15)}-08-15`,
    };
    const mentorOf = s.teacher?.mentorOf ?? [];
    if (mentorOf.length > 0) {
      duty.assignmentRole = mentorOf.map((c) => ({
        assignmentRoleType: 'Mentor' as const,
        group: { id: this.classes[c].id },
        startDate: SCHOOL_YEAR_START,
      }));
    }
    return duty;
  }

  private activityRecords(): Ss12000Activity[] {
    const teaching = this.timetable.activities.map((a): Ss12000Activity => {
      const cls = this.classes[a.classIdx];
      return {
        id: this.activityIds.get(a.idx)!,
        meta: meta(SETUP_TIME),
        displayName: `${a.subject} ${cls.name}`,
        calendarEventsRequired: true,
        startDate: SCHOOL_YEAR_START,
        endDate: DEMO_END,
        activityType: 'Undervisning',
        groups: [{ id: cls.id }],
        teachers: [{ duty: { id: this.teacherStaff(a.teacherIdx).dutyId }, startDate: SCHOOL_YEAR_START }],
        organisation: { id: cls.unitInfo.id },
      };
    });
    const meetings = STAFF_MEETINGS.map((m): Ss12000Activity => {
      const unit = this.units.find((u) => u.key === m.unit)!;
      const teachers = this.staff.filter(
        (s) => s.unit === unit && s.teacher && (!m.pools || m.pools.includes(s.teacher.pool)),
      );
      return {
        id: this.staffMeetingIds.get(m.key)!,
        meta: meta(SETUP_TIME),
        displayName: m.name,
        calendarEventsRequired: true,
        startDate: SCHOOL_YEAR_START,
        endDate: DEMO_END,
        activityType: 'Läraraktivitet',
        groups: [{ id: this.staffGroupIds.get(m.unit)! }],
        teachers: teachers.map((s) => ({ duty: { id: s.dutyId }, startDate: SCHOOL_YEAR_START })),
        organisation: { id: unit.id },
      };
    });
    return [...teaching, ...meetings];
  }

  private schoolCalendar(): SchoolCalendarFile {
    return {
      terms: DEMO_TERMS.map((t) => ({
        id: this.keyed.uuid(`term:${t.key}`),
        name: t.name,
        startDate: t.startDate,
        endDate: t.endDate,
      })),
      daysOff: DEMO_DAYS_OFF.map((d) => ({
        date: d.date,
        kind: d.kind,
        name: d.name,
        ...(d.unit ? { schoolUnitId: this.units.find((u) => u.key === d.unit)!.id } : {}),
      })),
    };
  }

  private accounts(): DemoAccount[] {
    const g79 = this.units.find((u) => u.key === 'G79')!;
    const staffAccount = (username: DemoAccount['username'], role: DemoAccount['role'], s: StaffInfo): DemoAccount => ({
      username,
      role,
      displayName: `${s.givenName} ${s.familyName}`,
      personId: s.id,
      schoolUnitId: s.unit.id,
    });
    return [
      { username: 'admin', role: 'systemAdmin', displayName: 'Systemadministratör' },
      { username: 'huvudman', role: 'organiserAdmin', displayName: 'Utbildningsförvaltningen, Exempelkommun' },
      staffAccount('rektor', 'principal', this.staffOf(g79.key, 'Rektor')),
      staffAccount('elevhalsa', 'studentHealth', this.staffOf(g79.key, 'Kurator')),
      staffAccount('mentor', 'mentor', this.demoMentor()),
      staffAccount('larare', 'teacher', this.teacherStaff(this.timetable.demoTeacherIdx)),
      this.guardianAccount(),
    ];
  }

  /** A guardian with custody of the planted 7A pupil with rising absence (not protected). */
  private guardianAccount(): DemoAccount {
    const pupil = this.pupils.find((p) => p.planted?.pattern === 'risingAbsence')!;
    const guardian = pupil.family.guardians[0];
    return {
      username: 'vardnadshavare',
      role: 'guardian',
      displayName: `${guardian.givenName} ${guardian.familyName}`,
      personId: guardian.id,
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

function randomDateInYear(rng: Rng, year: number): string {
  return addDays(`${year}-01-01`, randInt(rng, 0, 364));
}

function randomAddress(rng: Rng, m: Municipality): Ss12000Address {
  return {
    type: 'Folkbokföring',
    streetAddress: `${pick(rng, m.streets)} ${randInt(rng, 1, 60)}`,
    postalCode: `${m.postalPrefix}${randInt(rng, 0, 9)}`,
    locality: m.locality,
    municipalityCode: m.code,
    countyCode: m.countyCode,
    country: 'Sverige',
  };
}

/** When a pupil of school year 2025/26 started at the class's unit (F-klass / year 7 entry). */
function unitEntryDate(cls: ClassInfo): string {
  const yearsAtUnit = cls.year - cls.unitInfo.years[0];
  return `${2025 - yearsAtUnit}-08-18`;
}
