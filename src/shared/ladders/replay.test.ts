// Property tests: replaying a date range equals running nightly with the stored result carried
// forward (docs/domain/ladders.md D1), later rows never matter, and steps only go down by a rule.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, eachDate, isoWeekSunday } from '../dates';
import type { DayFigures } from '../measures';
import { evaluateLadder, replayLadder, type LadderResult, type StaffDecision } from './evaluate';
import type { LadderDefinition } from './format';
import { LADDER_PRESETS } from './presets';
import { DAY_MINUTES, ladder, paint, step, timetable } from './test-fixtures';

const FROM = '2026-01-08';
const TO = '2026-04-30';
const CALENDAR = timetable(FROM, TO);
const DATES = eachDate(FROM, TO);

/** A de-escalating test ladder with a manual step, so every engine path is exercised. */
const DE_ESCALATING: LadderDefinition = ladder(
  [
    step('ett', [
      { kind: 'rate', measure: 'absent', period: { kind: 'rollingDays', days: 14 }, comparator: 'gte', threshold: 0.1 },
      { kind: 'concernFlag' },
    ]),
    step('manuell', [], { entry: 'manual' }),
    step('tre', [{ kind: 'incompleteWeeks', k: 2, n: 3, freshWindowAfterPreviousStep: true }], {
      requiresPrevious: { weeksAfterPreviousStep: 1 },
    }),
  ],
  { deEscalation: { kind: 'weeksBelow', weeks: 2 } },
);

const LADDERS: LadderDefinition[] = [...Object.values(LADDER_PRESETS), DE_ESCALATING];

// A school day is present, partly or wholly absent (valid or invalid), late, or unregistered; how
// often a pupil is present varies per pupil, so low, medium and high absence all occur.
const dayPatchArb = (presentWeight: number) =>
  fc.oneof(
    { weight: presentWeight, arbitrary: fc.constant({}) },
    { weight: 2, arbitrary: fc.record({ valid: fc.constantFrom(60, DAY_MINUTES) }) },
    { weight: 2, arbitrary: fc.record({ invalid: fc.constantFrom(30, 120, DAY_MINUTES) }) },
    { weight: 1, arbitrary: fc.constant({ invalid: 10, lateCount: 1, lateMinutes: 10 }) },
    { weight: 1, arbitrary: fc.constant({ unknown: DAY_MINUTES }) },
  );
const daysArb: fc.Arbitrary<DayFigures[]> = fc
  .integer({ min: 4, max: 400 })
  .chain((presentWeight) =>
    fc.array(dayPatchArb(presentWeight), { minLength: CALENDAR.length, maxLength: CALENDAR.length }),
  )
  .map((patches) => CALENDAR.reduce((days, day, i) => paint(days, patches[i], day.date), CALENDAR));
const dateArb = fc.constantFrom(...DATES);
const flagsArb = fc
  .array(fc.record({ setOn: dateArb, clearedOn: fc.option(dateArb, { nil: undefined }) }), { maxLength: 2 })
  .map((flags) => flags.map((f) => (f.clearedOn === undefined ? { setOn: f.setOn } : f)));
const decisionsArb = (steps: number): fc.Arbitrary<StaffDecision[]> =>
  fc.array(
    fc.record({
      date: dateArb,
      stepIndex: fc.integer({ min: 0, max: steps }),
      reason: fc.constant('Beslut i elevhälsoteamet'),
    }),
    { maxLength: 3 },
  );
const caseArb = fc.constantFrom(...LADDERS).chain((l) =>
  fc.record({
    ladder: fc.constant(l),
    days: daysArb,
    concernFlags: flagsArb,
    staffDecisions: decisionsArb(l.steps.length),
  }),
);

/** What the nightly job stores and reads back: the result as JSON. */
const stored = (result: LadderResult): LadderResult => JSON.parse(JSON.stringify(result)) as LadderResult;

describe('replayLadder', () => {
  it('equals evaluating day by day with the stored previous result carried forward', () => {
    fc.assert(
      fc.property(caseArb, ({ ladder: l, ...input }) => {
        const replayed = replayLadder(l, input, FROM, TO);
        let previous: LadderResult | undefined;
        for (const [i, date] of DATES.entries()) {
          const nightly = evaluateLadder(l, { ...input, evaluationDate: date, previous: previous && stored(previous) });
          expect(nightly).toEqual(replayed[i]);
          previous = nightly;
        }
      }),
      { numRuns: 40 },
    );
  });

  it('gives the same result on a date whatever rows come after it', () => {
    fc.assert(
      fc.property(caseArb, dateArb, ({ ladder: l, ...input }, date) => {
        const truncated = { ...input, days: input.days.filter((d) => d.date <= date) };
        expect(replayLadder(l, input, FROM, date)).toEqual(replayLadder(l, truncated, FROM, date));
      }),
      { numRuns: 40 },
    );
  });

  it('moves a pupil down on a preset only by the exit: to no step, after 8 whole weeks with no trigger firing (ladders D7)', () => {
    const presets = fc.constantFrom(...Object.values(LADDER_PRESETS));
    fc.assert(
      fc.property(presets, daysArb, flagsArb, (l, days, concernFlags) => {
        const results = replayLadder(l, { days, concernFlags }, FROM, TO);
        results.forEach((r, i) => {
          const before = i === 0 ? { stepIndex: 0, since: null, lastTriggeredOn: null } : results[i - 1];
          expect(r.since).toBe(r.stepIndex === before.stepIndex ? before.since : r.evaluationDate);
          if (r.stepIndex >= before.stepIndex) {
            expect(r.changes.every((c) => c.by === 'triggers')).toBe(true);
            return;
          }
          expect(r.stepIndex).toBe(0);
          expect(r.changes).toEqual([expect.objectContaining({ by: 'exit', from: before.stepIndex, to: 0, weeks: 8 })]);
          // Quiet since the later of the last firing and the step's start, for 8 ended ISO weeks after that week.
          const quietSince = [before.lastTriggeredOn ?? '', before.since ?? ''].sort().at(-1)!;
          expect(r.evaluationDate).toBe(addDays(isoWeekSunday(quietSince), 56));
          expect(r.explanation).toMatch(/^Avslutat \d{4}-\d{2}-\d{2}: .+ i 8 veckor \(steg \d+, .+\)\.$/);
        });
      }),
      { numRuns: 40 },
    );
  });

  it('behaves as before exits for a version without them: no pupil ever leaves a step', () => {
    const presets = fc.constantFrom(...Object.values(LADDER_PRESETS).map(({ exit: _exit, ...l }) => l));
    fc.assert(
      fc.property(presets, daysArb, flagsArb, (l, days, concernFlags) => {
        const results = replayLadder(l, { days, concernFlags }, FROM, TO);
        results.forEach((r, i) => {
          expect(r.stepIndex).toBeGreaterThanOrEqual(i === 0 ? 0 : results[i - 1].stepIndex);
          expect(r).not.toHaveProperty('lastTriggeredOn');
          expect(r).not.toHaveProperty('endedOn');
        });
      }),
      { numRuns: 20 },
    );
  });

  it('explains every day in one Swedish sentence naming the step and since when', () => {
    fc.assert(
      fc.property(caseArb, ({ ladder: l, ...input }) => {
        for (const r of replayLadder(l, input, FROM, addDays(FROM, 60))) {
          expect(r.explanation).toMatch(/^((Steg \d+ \(.+\)|Inget steg) (sedan|den)|Avslutat) \d{4}-\d{2}-\d{2}.*\.$/);
          if (r.stepIndex > 0)
            expect(
              r.explanation.startsWith(`Steg ${r.stepIndex} (${l.steps[r.stepIndex - 1].name}) sedan ${r.since}`),
            ).toBe(true);
        }
      }),
      { numRuns: 30 },
    );
  });
});
