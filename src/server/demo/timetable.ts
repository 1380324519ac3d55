/**
 * Teaching plan and weekly timetable of the two demo school units.
 *
 * Each unit has one daily slot grid shared by its classes; a class uses the first N slots of a
 * day. Subjects per school year follow a simplified Swedish timetable. Subject teachers come from
 * pools sized by their weekly load; in F–6 the class teacher (the mentor) teaches most subjects,
 * in 7–9 the mentor is one of the class's subject teachers. The week is then laid out by a small
 * randomised most-constrained-first scheduler so that no teacher is in two places at once.
 */
import { type Rng, shuffled } from './prng.js';

export type UnitKey = 'F6' | 'G79';

/** A lesson slot in minutes after local midnight. */
export interface SlotTime {
  start: number;
  end: number;
}

const hm = (h: number, m: number): number => h * 60 + m;

/** A subject and how its teacher is found: a pool of subject teachers, or the class mentor. */
interface SubjectPlan {
  subject: string;
  perWeek: number;
  pool: string | 'mentor';
}

interface PoolSpec {
  key: string;
  /** Weekly lessons one teacher of the pool should get at most, when sizing the pool. */
  targetLoad: number;
}

interface UnitPlan {
  unit: UnitKey;
  slots: SlotTime[];
  /** F–6: every class has its own class teacher, who is the mentor. */
  mentorIsClassTeacher: boolean;
  pools: PoolSpec[];
  lessonsPerDay(year: number): number[];
  subjects(year: number): SubjectPlan[];
}

const mentor = (subject: string, perWeek: number): SubjectPlan => ({ subject, perWeek, pool: 'mentor' });
const pooled = (pool: string, subject: string, perWeek: number): SubjectPlan => ({ subject, perWeek, pool });

const F6_PLAN: UnitPlan = {
  unit: 'F6',
  slots: [
    { start: hm(8, 15), end: hm(9, 15) },
    { start: hm(9, 30), end: hm(10, 20) },
    { start: hm(10, 35), end: hm(11, 25) },
    { start: hm(12, 15), end: hm(13, 5) },
    { start: hm(13, 15), end: hm(13, 55) },
  ],
  mentorIsClassTeacher: true,
  pools: [
    { key: 'Idrott', targetLoad: 16 },
    { key: 'Musik', targetLoad: 18 },
    { key: 'Slöjd', targetLoad: 18 },
    { key: 'Engelska', targetLoad: 18 },
  ],
  lessonsPerDay: (year) => (year <= 3 ? [4, 4, 4, 4, 4] : [5, 5, 5, 5, 4]),
  subjects(year) {
    const pe = pooled('Idrott', 'Idrott och hälsa', 2);
    if (year === 0) {
      return [
        pe,
        mentor('Språk och kommunikation', 6),
        mentor('Matematiskt tänkande', 5),
        mentor('Natur och samhälle', 3),
        mentor('Skapande och lek', 4),
      ];
    }
    const music = pooled('Musik', 'Musik', 1);
    if (year <= 2) {
      return [
        pe,
        music,
        mentor('Svenska', 7),
        mentor('Matematik', 5),
        mentor('Engelska', 1),
        mentor('NO', 1),
        mentor('SO', 1),
        mentor('Bild', 1),
        mentor('Teknik', 1),
      ];
    }
    const craft = pooled('Slöjd', 'Slöjd', 2);
    if (year === 3) {
      return [
        pe,
        music,
        craft,
        mentor('Svenska', 6),
        mentor('Matematik', 5),
        mentor('Engelska', 1),
        mentor('NO', 1),
        mentor('SO', 1),
        mentor('Bild', 1),
      ];
    }
    return [
      pe,
      music,
      craft,
      pooled('Engelska', 'Engelska', 2),
      mentor('Svenska', 5),
      mentor('Matematik', 5),
      mentor('NO', 2),
      mentor('SO', 3),
      mentor('Bild', 1),
      mentor('Teknik', 1),
    ];
  },
};

/** 7–9 pool keys; the first is preferred as mentor, 'MaTk' provides the demo teacher account. */
const G79_PLAN: UnitPlan = {
  unit: 'G79',
  slots: [
    { start: hm(8, 20), end: hm(9, 20) },
    { start: hm(9, 30), end: hm(10, 20) },
    { start: hm(10, 35), end: hm(11, 35) },
    { start: hm(12, 15), end: hm(13, 5) },
    { start: hm(13, 15), end: hm(14, 15) },
    { start: hm(14, 25), end: hm(15, 5) },
  ],
  mentorIsClassTeacher: false,
  pools: [
    { key: 'SvEn', targetLoad: 18 },
    { key: 'MaTk', targetLoad: 18 },
    { key: 'NO', targetLoad: 18 },
    { key: 'SO', targetLoad: 18 },
    { key: 'Idrott', targetLoad: 18 },
    { key: 'Spanska', targetLoad: 18 },
    { key: 'BildMusik', targetLoad: 18 },
    { key: 'SlöjdHkk', targetLoad: 18 },
  ],
  lessonsPerDay: () => [6, 6, 5, 6, 5],
  subjects: () => [
    pooled('SvEn', 'Svenska', 4),
    pooled('SvEn', 'Engelska', 3),
    pooled('MaTk', 'Matematik', 4),
    pooled('MaTk', 'Teknik', 1),
    pooled('NO', 'Biologi', 1),
    pooled('NO', 'Fysik', 1),
    pooled('NO', 'Kemi', 1),
    pooled('SO', 'Historia', 1),
    pooled('SO', 'Geografi', 1),
    pooled('SO', 'Religionskunskap', 1),
    pooled('SO', 'Samhällskunskap', 1),
    pooled('Idrott', 'Idrott och hälsa', 2),
    pooled('Spanska', 'Moderna språk – spanska', 2),
    pooled('BildMusik', 'Bild', 1),
    pooled('BildMusik', 'Musik', 1),
    pooled('SlöjdHkk', 'Slöjd', 1),
    pooled('SlöjdHkk', 'Hem- och konsumentkunskap', 1),
    mentor('Mentorstid', 1),
  ],
};

/** The daily slot grid of a unit. */
export function slotGrid(unit: UnitKey): readonly SlotTime[] {
  return (unit === 'F6' ? F6_PLAN : G79_PLAN).slots;
}

/** A class as the timetable sees it. */
export interface TimetableClass {
  idx: number;
  name: string;
  year: number;
  unit: UnitKey;
}

/** A teacher the plan needs; becomes a Person + Duty ('Lärare') in the generator. */
export interface PlannedTeacher {
  idx: number;
  unit: UnitKey;
  /** Pool key, or 'Klasslärare' for an F–6 class teacher. */
  pool: string;
  subjects: Set<string>;
  /** Classes this teacher is mentor of (assignmentRole Mentor). */
  mentorOf: number[];
  weeklyLessons: number;
}

/** One Activity: a subject taught to one class by one teacher. */
export interface PlannedActivity {
  idx: number;
  classIdx: number;
  subject: string;
  teacherIdx: number;
  perWeek: number;
}

/** The finished plan: teachers, activities and each class's week (weekday 0–4 → slot → activity). */
export interface Timetable {
  teachers: PlannedTeacher[];
  activities: PlannedActivity[];
  /** week.get(classIdx)[weekday][slot] = activity idx; the row length is the day's lesson count. */
  week: Map<number, number[][]>;
  /** The 7–9 Matematik/Teknik teacher who teaches the first 7th-year class: the 'larare' account. */
  demoTeacherIdx: number;
}

/**
 * Builds teachers, activities and a conflict-free weekly timetable for all classes.
 * Classes must be ordered so that the demo class (7A) is the first 7th-year class.
 */
export function buildTimetable(classes: readonly TimetableClass[], rng: Rng): Timetable {
  const teachers: PlannedTeacher[] = [];
  const activities: PlannedActivity[] = [];
  const week = new Map<number, number[][]>();
  let demoTeacherIdx = -1;

  for (const plan of [F6_PLAN, G79_PLAN]) {
    const unitClasses = classes.filter((c) => c.unit === plan.unit);
    if (unitClasses.length === 0) continue;
    for (const c of unitClasses) assertPlanFits(plan, c.year);

    const newTeacher = (pool: string): PlannedTeacher => {
      const t: PlannedTeacher = {
        idx: teachers.length,
        unit: plan.unit,
        pool,
        subjects: new Set(),
        mentorOf: [],
        weeklyLessons: 0,
      };
      teachers.push(t);
      return t;
    };
    const pools = sizePools(plan, unitClasses, newTeacher);
    const classTeachers = new Map<number, PlannedTeacher>();
    if (plan.mentorIsClassTeacher) {
      for (const c of unitClasses) {
        const t = newTeacher('Klasslärare');
        t.mentorOf.push(c.idx);
        classTeachers.set(c.idx, t);
      }
    }
    // The first Matematik/Teknik teacher is kept free of mentorships: it is the plain 'teacher' demo account.
    const unitDemoTeacher = plan.unit === 'G79' ? pools.get('MaTk')?.[0] : undefined;
    if (unitDemoTeacher) demoTeacherIdx = unitDemoTeacher.idx;

    for (const c of unitClasses) {
      const subjects = plan.subjects(c.year);
      // Pool subjects first, so that a 7–9 mentor can be chosen among the class's teachers.
      const teacherOfPool = new Map<string, PlannedTeacher>();
      for (const s of subjects.filter((x) => x.pool !== 'mentor')) {
        let t = teacherOfPool.get(s.pool);
        if (!t) {
          t = leastLoaded(pools.get(s.pool)!);
          teacherOfPool.set(s.pool, t);
        }
        addActivity(activities, c, s, t);
      }
      const mentorTeacher =
        classTeachers.get(c.idx) ?? chooseMentor(plan, [...teacherOfPool.values()], unitDemoTeacher);
      if (!plan.mentorIsClassTeacher) mentorTeacher.mentorOf.push(c.idx);
      for (const s of subjects.filter((x) => x.pool === 'mentor')) addActivity(activities, c, s, mentorTeacher);
    }

    const mustTeachDaily = unitDemoTeacher ? [unitDemoTeacher.idx] : [];
    const unitWeek = scheduleUnit(
      plan,
      unitClasses,
      activities.filter((a) => unitClasses.some((c) => c.idx === a.classIdx)),
      rng,
      mustTeachDaily,
    );
    for (const [classIdx, days] of unitWeek) week.set(classIdx, days);
  }
  return { teachers, activities, week, demoTeacherIdx };
}

function assertPlanFits(plan: UnitPlan, year: number): void {
  const lessons = plan.lessonsPerDay(year).reduce((a, b) => a + b, 0);
  const planned = plan.subjects(year).reduce((a, s) => a + s.perWeek, 0);
  if (lessons !== planned)
    throw new Error(`Subject plan for ${plan.unit} year ${year} has ${planned} lessons for ${lessons} slots`);
}

/** Creates enough teachers per pool that none exceeds the pool's target load. */
function sizePools(
  plan: UnitPlan,
  unitClasses: readonly TimetableClass[],
  newTeacher: (pool: string) => PlannedTeacher,
): Map<string, PlannedTeacher[]> {
  const pools = new Map<string, PlannedTeacher[]>();
  for (const spec of plan.pools) {
    const load = unitClasses.reduce(
      (sum, c) =>
        sum +
        plan
          .subjects(c.year)
          .filter((s) => s.pool === spec.key)
          .reduce((a, s) => a + s.perWeek, 0),
      0,
    );
    if (load === 0) continue;
    const count = Math.max(1, Math.ceil(load / spec.targetLoad));
    pools.set(
      spec.key,
      Array.from({ length: count }, () => newTeacher(spec.key)),
    );
  }
  return pools;
}

function leastLoaded(pool: readonly PlannedTeacher[]): PlannedTeacher {
  return pool.reduce((best, t) => (t.weeklyLessons < best.weeklyLessons ? t : best));
}

function addActivity(activities: PlannedActivity[], c: TimetableClass, s: SubjectPlan, t: PlannedTeacher): void {
  activities.push({
    idx: activities.length,
    classIdx: c.idx,
    subject: s.subject,
    teacherIdx: t.idx,
    perWeek: s.perWeek,
  });
  t.subjects.add(s.subject);
  t.weeklyLessons += s.perWeek;
}

/** 7–9: the class teacher with fewest mentorships so far, preferring pools in plan order. */
function chooseMentor(
  plan: UnitPlan,
  candidates: PlannedTeacher[],
  excluded: PlannedTeacher | undefined,
): PlannedTeacher {
  const poolRank = (t: PlannedTeacher) => plan.pools.findIndex((p) => p.key === t.pool);
  const eligible = candidates.filter((t) => t !== excluded);
  eligible.sort((a, b) => a.mentorOf.length - b.mentorOf.length || poolRank(a) - poolRank(b) || a.idx - b.idx);
  return eligible[0];
}

const MAX_SCHEDULE_ATTEMPTS = 200;

/**
 * Places every weekly lesson of the unit in a (weekday, slot). Most-constrained lesson first;
 * among its free slots, prefer days without the same subject and days the teacher has few
 * lessons (teachers in `mustTeachDaily` strongly prefer empty days). Restarts on a dead end.
 */
function scheduleUnit(
  plan: UnitPlan,
  unitClasses: readonly TimetableClass[],
  unitActivities: readonly PlannedActivity[],
  rng: Rng,
  mustTeachDaily: readonly number[],
): Map<number, number[][]> {
  const slotCount = plan.slots.length;
  const dayLengths = new Map(unitClasses.map((c) => [c.idx, plan.lessonsPerDay(c.year)]));
  const lessons = unitActivities.flatMap((a) => Array.from({ length: a.perWeek }, () => a));
  const subjectOf = new Map(unitActivities.map((a) => [a.idx, a.subject]));

  for (let attempt = 0; attempt < MAX_SCHEDULE_ATTEMPTS; attempt++) {
    const grid = new Map(
      unitClasses.map((c) => [c.idx, dayLengths.get(c.idx)!.map((n) => new Array<number>(n).fill(-1))]),
    );
    const teacherBusy = new Map<number, boolean[]>();
    const teacherDayLoad = new Map<number, number[]>();
    const busy = (t: number) => teacherBusy.get(t) ?? teacherBusy.set(t, new Array(5 * slotCount).fill(false)).get(t)!;
    const dayLoad = (t: number) => teacherDayLoad.get(t) ?? teacherDayLoad.set(t, [0, 0, 0, 0, 0]).get(t)!;

    const freeSlots = (a: PlannedActivity): [number, number][] => {
      const out: [number, number][] = [];
      const days = grid.get(a.classIdx)!;
      const tBusy = busy(a.teacherIdx);
      for (let d = 0; d < 5; d++) {
        for (let s = 0; s < days[d].length; s++) if (days[d][s] === -1 && !tBusy[d * slotCount + s]) out.push([d, s]);
      }
      return out;
    };

    let remaining = shuffled(rng, lessons);
    let failed = false;
    while (remaining.length > 0) {
      let bestPos = -1;
      let bestSlots: [number, number][] = [];
      for (let i = 0; i < remaining.length; i++) {
        const slots = freeSlots(remaining[i]);
        if (bestPos === -1 || slots.length < bestSlots.length) {
          bestPos = i;
          bestSlots = slots;
          if (slots.length === 0) break;
        }
      }
      if (bestSlots.length === 0) {
        failed = true;
        break;
      }
      const a = remaining[bestPos];
      remaining = remaining.filter((_, i) => i !== bestPos);
      const days = grid.get(a.classIdx)!;
      const load = dayLoad(a.teacherIdx);
      const mustSpread = mustTeachDaily.includes(a.teacherIdx);
      const score = ([d]: [number, number]) => {
        const sameSubject = days[d].filter((x) => subjectOf.get(x) === a.subject).length;
        return sameSubject * 10 + load[d] * 1.5 + (mustSpread && load[d] === 0 ? -20 : 0) + rng();
      };
      const scored = bestSlots.map((slot) => ({ slot, value: score(slot) }));
      const [d, s] = scored.reduce((best, x) => (x.value < best.value ? x : best)).slot;
      days[d][s] = a.idx;
      busy(a.teacherIdx)[d * slotCount + s] = true;
      load[d] += 1;
    }
    if (failed) continue;
    if (mustTeachDaily.some((t) => dayLoad(t).some((n) => n === 0))) continue;
    return grid;
  }
  throw new Error(`Could not build a conflict-free timetable for ${plan.unit} in ${MAX_SCHEDULE_ATTEMPTS} attempts`);
}
