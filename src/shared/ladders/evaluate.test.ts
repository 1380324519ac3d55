// The ladder engine on small test ladders: periods, thresholds, windows, persistence, staff
// decisions, de-escalation, alerts and explanations (docs/domain/ladders.md, 'Evaluation decisions').
import { describe, expect, it } from 'vitest';
import { evaluateLadder, replayLadder, type LadderInput } from './evaluate';
import type { Comparator, Period, Trigger } from './format';
import { DAY_MINUTES, ladder, on, paint, paintDates, schoolDates, step, stepHistory, timetable } from './test-fixtures';

const rate = (
  threshold: number,
  period: Period = { kind: 'month' },
  comparator: Comparator = 'gte',
  measure: 'absent' | 'valid' | 'invalid' = 'absent',
): Trigger => ({ kind: 'rate', measure, period, comparator, threshold });

// Spring term 2026: 17 school days in January (8–30), 15 in February (sportlov week 9).
const SPRING = timetable('2026-01-08', '2026-06-12');
const evaluateOn = (
  l: Parameters<typeof evaluateLadder>[0],
  evaluationDate: string,
  input: Omit<LadderInput, 'evaluationDate'>,
) => evaluateLadder(l, { ...input, evaluationDate });

describe('rate triggers', () => {
  // 60 of 300 minutes every January school day: exactly 20 %.
  const twenty = paint(SPRING, { invalid: 60 }, '2026-01-01', '2026-01-31');

  it('"över" is strictly greater, a stated level is at-or-above (ladders D4)', () => {
    expect(
      evaluateOn(ladder([step('s', [rate(0.2, { kind: 'month' }, 'gt')])]), '2026-02-01', { days: twenty }).stepIndex,
    ).toBe(0);
    const atLevel = evaluateOn(ladder([step('s', [rate(0.2)])]), '2026-02-01', { days: twenty });
    expect(atLevel.stepIndex).toBe(1);
    expect(atLevel.fired).toEqual([
      {
        kind: 'rate',
        measure: 'absent',
        period: { from: '2026-01-01', to: '2026-01-31' },
        value: 0.2,
        threshold: 0.2,
        comparator: 'gte',
        text: 'frånvaro 20,0 % i januari 2026 (gräns 20 %)',
      },
    ]);
  });

  it('reads complete months only: a month is complete on its last day, not before (ladders D2)', () => {
    const l = ladder([step('s', [rate(0.2)])]);
    expect(evaluateOn(l, '2026-01-30', { days: twenty }).stepIndex).toBe(0);
    expect(evaluateOn(l, '2026-01-31', { days: twenty }).stepIndex).toBe(1);
  });

  it('is over known minutes, and does not fire when nothing is known', () => {
    // 60 absent + 120 unknown of 300: 60 / 180 = 33,3 % over known, 20 % over scheduled.
    const partlyKnown = paint(SPRING, { invalid: 60, unknown: 120 }, '2026-01-01', '2026-01-31');
    expect(
      evaluateOn(ladder([step('s', [rate(0.3)])]), '2026-02-01', { days: partlyKnown }).fired[0].value,
    ).toBeCloseTo(1 / 3);
    const unknown = paint(SPRING, { unknown: DAY_MINUTES }, '2026-01-01', '2026-01-31');
    expect(evaluateOn(ladder([step('s', [rate(0)])]), '2026-02-01', { days: unknown }).stepIndex).toBe(0);
  });

  it('evaluates the running month only with monthToDate and five known days (docs/domain/measures.md D9)', () => {
    const l = ladder([step('s', [rate(0.5, { kind: 'month', monthToDate: true })])]);
    const absent = paint(SPRING, { valid: DAY_MINUTES }, '2026-01-08', '2026-01-31');
    expect(evaluateOn(l, '2026-01-13', { days: absent }).stepIndex).toBe(0); // 8, 9, 12, 13: four known days
    const fifth = evaluateOn(l, '2026-01-14', { days: absent });
    expect(fifth.explanation).toBe(
      'Steg 1 (Steg s) sedan 2026-01-14: frånvaro 100,0 % i januari 2026 t.o.m. 2026-01-14 (gräns 50 %).',
    );
    // Without monthToDate the same absence waits for the month to end.
    expect(evaluateOn(ladder([step('s', [rate(0.5)])]), '2026-01-14', { days: absent }).stepIndex).toBe(0);
  });

  it('combines two consecutive months into one rate, not an average of two rates', () => {
    // January 17 days at 40 %, February 15 days at 0 %: combined 2040 / 9600 = 21,25 %, the average would be 20 %.
    const days = paint(SPRING, { valid: 120 }, '2026-01-01', '2026-01-31');
    const result = evaluateOn(ladder([step('s', [rate(0.21, { kind: 'twoConsecutiveMonths' })])]), '2026-02-28', {
      days,
    });
    expect(result.explanation).toBe(
      'Steg 1 (Steg s) sedan 2026-02-28: frånvaro 21,3 % i januari–februari 2026 (gräns 21 %).',
    );
    expect(result.fired[0].period).toEqual({ from: '2026-01-01', to: '2026-02-28' });
  });

  it('needs five known school days in each of the two months', () => {
    const autumnStart = paint(timetable('2025-08-25', '2025-10-31'), { valid: 150 }, '2025-08-25', '2025-08-29');
    const l = ladder([step('s', [rate(0.2, { kind: 'twoConsecutiveMonths' })])]);
    // July has no school days, August five at 50 %: August must not fire alone.
    expect(evaluateOn(l, '2025-09-01', { days: autumnStart }).stepIndex).toBe(0);
    // August with four school days, all absent: August + September would be 1200 / 7800 = 15,4 %,
    // but four known days in August are too few, so the pair is not evaluated at all.
    const fourDays = paint(timetable('2025-08-26', '2025-10-31'), { valid: DAY_MINUTES }, '2025-08-26', '2025-08-29');
    const low = ladder([step('s', [rate(0.15, { kind: 'twoConsecutiveMonths' })])]);
    expect(evaluateOn(low, '2025-10-01', { days: fourDays }).stepIndex).toBe(0);
    const fiveDays = paint(timetable('2025-08-25', '2025-10-31'), { valid: DAY_MINUTES }, '2025-08-25', '2025-08-29');
    expect(evaluateOn(low, '2025-10-01', { days: fiveDays }).fired[0].text).toBe(
      'frånvaro 18,5 % i augusti–september 2025 (gräns 15 %)',
    );
  });

  it('reads the last ISO week ended by D (ladders D3), rolling days and terms', () => {
    const days = paint(SPRING, { invalid: DAY_MINUTES }, '2026-01-12', '2026-01-16'); // week 3
    const week = ladder([step('s', [rate(0.9, { kind: 'week' })])]);
    expect(evaluateOn(week, '2026-01-17', { days }).stepIndex).toBe(0);
    expect(evaluateOn(week, '2026-01-18', { days }).explanation).toBe(
      'Steg 1 (Steg s) sedan 2026-01-18: frånvaro 100,0 % under vecka 3 2026 (gräns 90 %).',
    );
    expect(evaluateOn(week, '2026-01-25', { days }).stepIndex).toBe(0); // week 4 is now the last ended week

    const rolling = ladder([step('s', [rate(0.5, { kind: 'rollingDays', days: 14 })])]);
    expect(evaluateOn(rolling, '2026-01-16', { days }).explanation).toBe(
      'Steg 1 (Steg s) sedan 2026-01-16: frånvaro 71,4 % under de 14 dagarna 2026-01-03–2026-01-16 (gräns 50 %).',
    );

    const terms = [
      { startDate: '2025-08-18', endDate: '2025-12-19' },
      { startDate: '2026-01-08', endDate: '2026-06-12' },
    ];
    const term = ladder([step('s', [rate(0.05, { kind: 'term', toDate: true })])]);
    expect(evaluateOn(term, '2026-01-19', { days, terms }).explanation).toBe(
      'Steg 1 (Steg s) sedan 2026-01-19: frånvaro 62,5 % under terminen 2026-01-08–2026-06-12 t.o.m. 2026-01-19 (gräns 5 %).',
    );
    expect(
      evaluateOn(ladder([step('s', [rate(0.05, { kind: 'term' })])]), '2026-01-19', { days, terms }).stepIndex,
    ).toBe(0); // autumn term: nothing known
    expect(() => evaluateOn(term, '2026-01-19', { days })).toThrow(/terms/);
  });
});

describe('count and pattern triggers', () => {
  it('counts incomplete weeks among the last n ended school weeks and names weeks without registration', () => {
    let days = paintDates(SPRING, { invalid: 10 }, ['2026-01-12', '2026-01-19', '2026-02-02']); // weeks 3, 4, 6
    days = paint(days, { unknown: DAY_MINUTES }, '2026-01-26', '2026-01-30'); // week 5 unregistered
    const l = ladder([step('s', [{ kind: 'incompleteWeeks', k: 3, n: 4 }])]);
    expect(evaluateOn(l, '2026-02-07', { days }).stepIndex).toBe(0); // week 6 has not ended
    expect(evaluateOn(l, '2026-02-08', { days }).explanation).toBe(
      'Steg 1 (Steg s) sedan 2026-02-08: 3 av de 4 senaste skolveckorna med frånvaro (vecka 3–6 2026, gräns 3 av 4; utan registrering: vecka 5 2026).',
    );
  });

  it('honours minAbsentMinutes and excludeValid', () => {
    const days = paintDates(SPRING, { valid: 30 }, ['2026-01-12', '2026-01-19', '2026-01-26']);
    expect(
      evaluateOn(ladder([step('s', [{ kind: 'incompleteWeeks', k: 3, n: 3 }])]), '2026-02-01', { days }).stepIndex,
    ).toBe(1);
    expect(
      evaluateOn(ladder([step('s', [{ kind: 'incompleteWeeks', k: 3, n: 3, minAbsentMinutes: 31 }])]), '2026-02-01', {
        days,
      }).stepIndex,
    ).toBe(0);
    expect(
      evaluateOn(ladder([step('s', [{ kind: 'incompleteWeeks', k: 3, n: 3, excludeValid: true }])]), '2026-02-01', {
        days,
      }).stepIndex,
    ).toBe(0);
  });

  it('fires on a run of wholly absent school days, skipping weekends and holidays', () => {
    // Thu 19 Feb – Fri 6 March across sportlov: 2 + 5 school days (23–27 Feb are holidays).
    const days = paint(SPRING, { valid: DAY_MINUTES }, '2026-02-19', '2026-03-06');
    const l = ladder([step('s', [{ kind: 'consecutiveAbsentDays', days: 7 }])]);
    expect(evaluateOn(l, '2026-03-05', { days }).stepIndex).toBe(0);
    expect(evaluateOn(l, '2026-03-06', { days }).explanation).toBe(
      'Steg 1 (Steg s) sedan 2026-03-06: 7 skoldagar i följd med hel frånvaro (2026-02-19–2026-03-06, gräns 7).',
    );
    // A day with an unregistered lesson is not an absent day (docs/domain/measures.md D5).
    expect(
      evaluateOn(l, '2026-03-06', { days: paint(days, { valid: 240, unknown: 60 }, '2026-03-02') }).stepIndex,
    ).toBe(0);
  });

  it('counts absence occasions and late arrivals in a month', () => {
    const days = paintDates(SPRING, { invalid: 5, lateCount: 1, lateMinutes: 5 }, [
      '2026-01-12',
      '2026-01-13',
      '2026-01-20',
    ]);
    const occasions = evaluateOn(
      ladder([step('s', [{ kind: 'absenceOccasionsInMonth', comparator: 'gte', count: 3 }])]),
      '2026-01-31',
      { days },
    );
    expect(occasions.explanation).toBe(
      'Steg 1 (Steg s) sedan 2026-01-31: 3 frånvarotillfällen i januari 2026 (gräns minst 3).',
    );
    const late = evaluateOn(
      ladder([step('s', [{ kind: 'lateCount', period: { kind: 'month' }, comparator: 'gt', count: 2 }])]),
      '2026-01-31',
      { days },
    );
    expect(late.explanation).toBe(
      'Steg 1 (Steg s) sedan 2026-01-31: 3 sena ankomster i januari 2026 (gräns fler än 2).',
    );
    expect(
      evaluateOn(
        ladder([step('s', [{ kind: 'lateCount', period: { kind: 'month' }, comparator: 'gt', count: 3 }])]),
        '2026-01-31',
        { days },
      ).stepIndex,
    ).toBe(0);
  });

  it('fires on invalid absence on its day, or within the window it names', () => {
    const days = paint(SPRING, { invalid: 45 }, '2026-01-14');
    const sameDay = ladder([step('s', [{ kind: 'anyInvalidAbsence' }])]);
    expect(evaluateOn(sameDay, '2026-01-13', { days }).stepIndex).toBe(0);
    expect(evaluateOn(sameDay, '2026-01-14', { days }).explanation).toBe(
      'Steg 1 (Steg s) sedan 2026-01-14: ogiltig frånvaro 45 min 2026-01-14.',
    );
    expect(evaluateOn(sameDay, '2026-01-15', { days }).stepIndex).toBe(0);
    expect(
      evaluateOn(ladder([step('s', [{ kind: 'anyInvalidAbsence', withinDays: 7 }])]), '2026-01-20', { days }).stepIndex,
    ).toBe(1);
  });

  it('fires on an active concern flag only', () => {
    const l = ladder([step('s', [{ kind: 'concernFlag' }])]);
    const concernFlags = [{ setOn: '2026-01-20', clearedOn: '2026-01-23' }];
    expect(evaluateOn(l, '2026-01-19', { days: SPRING, concernFlags }).stepIndex).toBe(0);
    expect(evaluateOn(l, '2026-01-22', { days: SPRING, concernFlags }).explanation).toBe(
      'Steg 1 (Steg s) sedan 2026-01-22: oro markerad av personal 2026-01-20.',
    );
    expect(evaluateOn(l, '2026-01-23', { days: SPRING, concernFlags }).stepIndex).toBe(0);
  });

  it('combines all/any and a nested group; "all" explains with every part', () => {
    const days = paintDates(SPRING, { invalid: 100 }, ['2026-01-12', '2026-01-13']);
    const nested: Trigger = {
      kind: 'group',
      combine: 'any',
      triggers: [{ kind: 'absenceOccasionsInMonth', comparator: 'gte', count: 2 }, { kind: 'concernFlag' }],
    };
    const l = ladder([
      step('s', [rate(0.03), nested], { triggers: { combine: 'all', triggers: [rate(0.03), nested] } }),
    ]);
    expect(evaluateOn(l, '2026-01-31', { days }).explanation).toBe(
      'Steg 1 (Steg s) sedan 2026-01-31: frånvaro 3,9 % i januari 2026 (gräns 3 %) och 2 frånvarotillfällen i januari 2026 (gräns minst 2).',
    );
    expect(evaluateOn(l, '2026-01-31', { days: paint(days, {}, '2026-01-13') }).stepIndex).toBe(0);
  });
});

describe('steps over time', () => {
  const three = ladder([step('ett', [rate(0.1)]), step('tva', [rate(0.3)]), step('tre', [rate(0.5)])]);

  it('jumps to the highest step whose triggers fire and stays there (ladders D7)', () => {
    const days = paint(SPRING, { valid: 180 }, '2026-01-01', '2026-01-31'); // 60 % in January, nothing after
    const results = replayLadder(three, { days }, '2026-01-08', '2026-05-31');
    expect(stepHistory(results)).toEqual([{ date: '2026-01-31', step: 'tre' }]);
    expect(on(results, '2026-05-31').explanation).toBe(
      'Steg 3 (Steg tre) sedan 2026-01-31: frånvaro 60,0 % i januari 2026 (gräns 50 %).',
    );
    expect(on(results, '2026-01-31').changes).toEqual([{ from: 0, to: 3, by: 'triggers' }]);
  });

  it('says so when the pupil is on no step', () => {
    expect(evaluateOn(three, '2026-01-20', { days: SPRING }).explanation).toBe(
      'Inget steg den 2026-01-20: inget av trappans villkor är uppfyllt.',
    );
  });

  it('ignores rows dated after D (ladders D1)', () => {
    const days = paint(SPRING, { valid: 180 }, '2026-02-01', '2026-02-28');
    expect(evaluateOn(three, '2026-01-31', { days })).toEqual(
      evaluateOn(three, '2026-01-31', { days: days.filter((d) => d.date <= '2026-01-31') }),
    );
  });

  it('requires the previous step, never entered the same day, after N weeks (requiresPrevious)', () => {
    const l = ladder([
      step('ett', [{ kind: 'concernFlag' }]),
      step('tva', [{ kind: 'concernFlag' }], { requiresPrevious: { weeksAfterPreviousStep: 2 } }),
    ]);
    const results = replayLadder(
      l,
      { days: SPRING, concernFlags: [{ setOn: '2026-01-12' }] },
      '2026-01-08',
      '2026-02-28',
    );
    expect(stepHistory(results)).toEqual([
      { date: '2026-01-12', step: 'ett' },
      { date: '2026-01-26', step: 'tva' },
    ]);
  });

  it('with requiresPrevious.stepKey, any step from the named one upwards counts', () => {
    const l = ladder([
      step('ett', [{ kind: 'concernFlag' }]),
      step('manuell', [], { entry: 'manual' }),
      step('tre', [rate(0.1)], { requiresPrevious: { stepKey: 'ett' } }),
    ]);
    const days = paint(SPRING, { valid: 60 }, '2026-01-01', '2026-01-31');
    const staffDecisions = [{ date: '2026-01-15', stepIndex: 2, reason: 'Kartläggningen visar behov' }];
    const results = replayLadder(
      l,
      { days, concernFlags: [{ setOn: '2026-01-12' }], staffDecisions },
      '2026-01-08',
      '2026-02-05',
    );
    expect(stepHistory(results)).toEqual([
      { date: '2026-01-12', step: 'ett' },
      { date: '2026-01-15', step: 'manuell' },
      { date: '2026-01-31', step: 'tre' },
    ]);
    expect(stepHistory(replayLadder(l, { days }, '2026-01-08', '2026-02-05'))).toEqual([]);
  });

  it('enters manual steps only by staff decision, and explains the decision', () => {
    const l = ladder([step('ett', [rate(0.1)]), step('manuell', [], { entry: 'manual' })]);
    const staffDecisions = [{ date: '2026-02-10', stepIndex: 2, reason: 'Fortsatt frånvaro efter kartläggningen.' }];
    const results = replayLadder(l, { days: SPRING, staffDecisions }, '2026-02-01', '2026-03-01');
    expect(stepHistory(results)).toEqual([{ date: '2026-02-10', step: 'manuell' }]);
    expect(on(results, '2026-03-01').explanation).toBe(
      'Steg 2 (Steg manuell) sedan 2026-02-10: beslut av personal (Fortsatt frånvaro efter kartläggningen).',
    );
    expect(on(results, '2026-02-10').changes).toEqual([
      { from: 0, to: 2, by: 'staff', fromStep: 0, reason: 'Fortsatt frånvaro efter kartläggningen.' },
    ]);
  });

  it('after staff move a pupil down, higher steps wait for evidence from after that week', () => {
    const days = paint(
      paint(SPRING, { valid: 180 }, '2026-01-01', '2026-01-31'),
      { valid: 180 },
      '2026-03-01',
      '2026-03-31',
    );
    const staffDecisions = [{ date: '2026-02-10', stepIndex: 1, reason: 'Utredningen klar, frånvaron har upphört' }];
    const results = replayLadder(three, { days, staffDecisions }, '2026-01-08', '2026-04-02');
    // January's 60 % is still "the last ended month" until 27 February, but it predates the decision.
    expect(stepHistory(results)).toEqual([
      { date: '2026-01-31', step: 'tre' },
      { date: '2026-02-10', step: 'ett' },
      { date: '2026-03-31', step: 'tre' },
    ]);
    expect(on(results, '2026-02-10').explanation).toBe(
      'Steg 1 (Steg ett) sedan 2026-02-10: beslut av personal (Utredningen klar, frånvaron har upphört).',
    );
    expect(on(results, '2026-02-10').movedDownOn).toBe('2026-02-10');
  });

  it('a staff decision to step 0 takes the pupil off the ladder', () => {
    const days = paint(SPRING, { valid: 60 }, '2026-01-01', '2026-01-31');
    const results = replayLadder(
      three,
      { days, staffDecisions: [{ date: '2026-02-03', stepIndex: 0, reason: 'Felregistrering' }] },
      '2026-01-30',
      '2026-02-10',
    );
    expect(stepHistory(results)).toEqual([
      { date: '2026-01-31', step: 'ett' },
      { date: '2026-02-03', step: null },
    ]);
    expect(on(results, '2026-02-10').explanation).toBe(
      'Inget steg sedan 2026-02-03: beslut av personal (Felregistrering).',
    );
  });

  it('rejects a staff decision for a step the ladder does not have', () => {
    expect(() =>
      evaluateOn(three, '2026-01-20', {
        days: SPRING,
        staffDecisions: [{ date: '2026-01-20', stepIndex: 4, reason: 'x' }],
      }),
    ).toThrow(RangeError);
  });

  it("de-escalates one step after N weeks without the step's triggers firing, and records it", () => {
    const l = ladder([step('ett', [rate(0.1)]), step('tva', [rate(0.3)])], {
      deEscalation: { kind: 'weeksBelow', weeks: 4 },
    });
    const days = paint(SPRING, { valid: 120 }, '2026-01-01', '2026-01-31'); // 40 % in January only
    const results = replayLadder(l, { days }, '2026-01-08', '2026-05-31');
    // January is the last ended month through 27 February; 28 days later down one step, 28 more days later off.
    expect(stepHistory(results)).toEqual([
      { date: '2026-01-31', step: 'tva' },
      { date: '2026-03-27', step: 'ett' },
      { date: '2026-04-24', step: null },
    ]);
    expect(on(results, '2026-03-27').explanation).toBe(
      'Steg 1 (Steg ett) sedan 2026-03-27: nedflyttad från steg 2 efter 4 veckor utan att stegets villkor uppfyllts.',
    );
    expect(on(results, '2026-03-27').changes).toEqual([{ from: 2, to: 1, by: 'deEscalation', fromStep: 2, weeks: 4 }]);
  });

  it('accepts a minimal previous result, finds the step by key and explains with current figures', () => {
    const days = paint(SPRING, { valid: 180 }, '2026-01-01', '2026-01-31');
    const result = evaluateOn(three, '2026-02-10', {
      days,
      previous: { stepIndex: 9, stepKey: 'tva', since: '2026-02-01' },
    });
    expect(result.stepIndex).toBe(3); // January's 60 % also fires step 3 today
    const stays = evaluateOn(three, '2026-03-10', {
      days,
      previous: { stepIndex: 2, stepKey: 'tva', since: '2026-02-01' },
    });
    expect(stays.explanation).toBe('Steg 2 (Steg tva) sedan 2026-02-01.');
    const reordered = ladder([three.steps[1], three.steps[0], three.steps[2]]);
    expect(
      evaluateOn(reordered, '2026-03-10', { days, previous: { stepIndex: 2, stepKey: 'tva', since: '2026-02-01' } })
        .stepIndex,
    ).toBe(1);
  });
});

describe('alerts', () => {
  const withAlert = ladder([step('ett', [rate(0.5)])], {
    alerts: [
      {
        key: 'over-20',
        name: 'Månadsfrånvaro över 20 %',
        description: 'Meddelande till vårdnadshavare.',
        triggers: { combine: 'any', triggers: [rate(0.2, { kind: 'month' }, 'gt')] },
        actions: [{ kind: 'guardianMessage', templateKey: 'over-20' }],
      },
    ],
  });

  it('fire once per period of evidence, without moving the pupil', () => {
    let days = paint(SPRING, { valid: 75 }, '2026-01-01', '2026-01-31');
    days = paint(days, { valid: 75 }, '2026-03-01', '2026-03-31');
    const results = replayLadder(withAlert, { days }, '2026-01-08', '2026-04-30');
    const fired = results.filter((r) => r.alerts.length > 0);
    expect(fired.map((r) => r.evaluationDate)).toEqual(['2026-01-31', '2026-03-31']);
    expect(fired[0].alerts).toEqual([
      {
        key: 'over-20',
        name: 'Månadsfrånvaro över 20 %',
        actions: [{ kind: 'guardianMessage', templateKey: 'over-20' }],
        fired: [expect.objectContaining({ value: 0.25 })],
        explanation: 'Månadsfrånvaro över 20 %: frånvaro 25,0 % i januari 2026 (gräns över 20 %).',
      },
    ]);
    expect(results.every((r) => r.stepIndex === 0)).toBe(true);
  });
});

describe('fixtures', () => {
  it('have the school days the expectations above count with', () => {
    expect(schoolDates(SPRING, '2026-01-01', '2026-01-31')).toHaveLength(17);
    expect(schoolDates(SPRING, '2026-02-01', '2026-02-28')).toHaveLength(15);
  });
});

describe('exits (ladders D7)', () => {
  const exiting = (weeks: number, extra: Parameters<typeof ladder>[1] = {}) =>
    ladder([step('ett', [rate(0.1)]), step('tva', [rate(0.3)])], {
      exit: { kind: 'weeksWithoutTrigger', weeks },
      ...extra,
    });
  // 40 % in January only: both steps' triggers read January through 27 February (week 9).
  const january = paint(SPRING, { valid: 120 }, '2026-01-01', '2026-01-31');

  it("ends the step after N whole ISO weeks with no step's triggers firing, to no step, and explains it", () => {
    const results = replayLadder(exiting(6), { days: january }, '2026-01-08', '2026-06-12');
    // Last firing Friday 27 February (week 9, ends 1 March); 6 whole weeks later: Sunday 12 April.
    expect(stepHistory(results)).toEqual([
      { date: '2026-01-31', step: 'tva' },
      { date: '2026-04-12', step: null },
    ]);
    expect(on(results, '2026-04-11')).toMatchObject({ stepIndex: 2, lastTriggeredOn: '2026-02-27' });
    expect(on(results, '2026-04-12').changes).toEqual([
      {
        from: 2,
        to: 0,
        by: 'exit',
        fromStep: 2,
        weeks: 6,
        quietSince: '2026-02-27',
        reason: 'under 10 % frånvaro i 6 veckor',
      },
    ]);
    expect(on(results, '2026-06-12').explanation).toBe(
      'Avslutat 2026-04-12: under 10 % frånvaro i 6 veckor (steg 2, Steg tva).',
    );
  });

  it('counts from the latest firing of any step, not only the current one', () => {
    // 12 % in February keeps step 1's trigger firing through 30 March, so step 2 stays until 8 weeks after that week.
    const days = paint(january, { valid: 36 }, '2026-02-01', '2026-02-28');
    const results = replayLadder(exiting(8), { days }, '2026-01-08', '2026-06-12');
    expect(stepHistory(results)).toEqual([
      { date: '2026-01-31', step: 'tva' },
      { date: '2026-05-31', step: null },
    ]);
    expect(on(results, '2026-05-30').lastTriggeredOn).toBe('2026-03-30');
  });

  it('uses a step\'s own exit over the ladder\'s; "none" keeps the pupil on that step', () => {
    const l = exiting(2, { steps: [step('ett', [rate(0.1)]), step('tva', [rate(0.3)], { exit: { kind: 'none' } })] });
    expect(replayLadder(l, { days: january }, '2026-01-08', '2026-06-12').at(-1)).toMatchObject({
      stepIndex: 2,
      since: '2026-01-31',
    });
    const oneWeek = exiting(8, {
      steps: [step('ett', [rate(0.1)]), step('tva', [rate(0.3)], { exit: { kind: 'weeksWithoutTrigger', weeks: 1 } })],
    });
    expect(stepHistory(replayLadder(oneWeek, { days: january }, '2026-01-08', '2026-06-12'))).toEqual([
      { date: '2026-01-31', step: 'tva' },
      { date: '2026-03-08', step: null },
    ]);
  });

  it('counts the weeks from the entry of a step entered by staff, and the exit applies to manual steps too', () => {
    const l = ladder([step('ett', [rate(0.1)]), step('manuell', [], { entry: 'manual' })], {
      exit: { kind: 'weeksWithoutTrigger', weeks: 2 },
    });
    const staffDecisions = [{ date: '2026-03-04', stepIndex: 2, reason: 'Beslut efter kartläggning' }];
    // Entered Wednesday 4 March (week 10, ends 8 March): two whole weeks later, Sunday 22 March.
    expect(stepHistory(replayLadder(l, { days: SPRING, staffDecisions }, '2026-02-01', '2026-04-30'))).toEqual([
      { date: '2026-03-04', step: 'manuell' },
      { date: '2026-03-22', step: null },
    ]);
  });

  it('after an exit, enters again only on a period that begins after the exit date', () => {
    // 40 % in January and again in April: the exit on 12 April predates April, so April (from 1 April) does not count; May does.
    const days = paint(
      paint(january, { valid: 120 }, '2026-04-13', '2026-04-30'),
      { valid: 120 },
      '2026-05-01',
      '2026-05-31',
    );
    const results = replayLadder(exiting(6), { days }, '2026-01-08', '2026-06-12');
    expect(stepHistory(results)).toEqual([
      { date: '2026-01-31', step: 'tva' },
      { date: '2026-04-12', step: null },
      { date: '2026-05-31', step: 'tva' },
    ]);
    expect(on(results, '2026-05-31').endedOn).toBe('2026-04-12');
  });

  it('staff close a step with a reason; the pupil stays off until newly qualifying on data after the close date', () => {
    const days = paint(
      paint(january, { valid: 120 }, '2026-02-01', '2026-02-28'),
      { valid: 120 },
      '2026-03-01',
      '2026-03-31',
    );
    const staffDecisions = [
      { date: '2026-02-10', stepIndex: 0, reason: 'Frånvaron har upphört efter åtgärder.', kind: 'close' as const },
    ];
    // Closing has no automatic exit in this ladder: only staff end a step here.
    const results = replayLadder(ladder(exiting(8).steps), { days, staffDecisions }, '2026-01-08', '2026-04-30');
    // January (until 27 February) and February (from 1 February) predate the close on 10 February; March is new.
    expect(stepHistory(results)).toEqual([
      { date: '2026-01-31', step: 'tva' },
      { date: '2026-02-10', step: null },
      { date: '2026-03-31', step: 'tva' },
    ]);
    expect(on(results, '2026-02-10').changes).toEqual([
      { from: 2, to: 0, by: 'staffClose', fromStep: 2, reason: 'Frånvaron har upphört efter åtgärder.' },
    ]);
    expect(on(results, '2026-03-30').explanation).toBe(
      'Avslutat 2026-02-10 av personal: Frånvaron har upphört efter åtgärder (steg 2, Steg tva).',
    );
    expect(on(results, '2026-03-31').fired[0].period).toEqual({ from: '2026-03-01', to: '2026-03-31' });
  });

  it('ignores a close when the pupil is on no step', () => {
    const staffDecisions = [{ date: '2026-01-20', stepIndex: 0, reason: 'x', kind: 'close' as const }];
    const result = evaluateOn(exiting(8), '2026-02-01', { days: january, staffDecisions });
    expect(result).toMatchObject({ stepIndex: 2, since: '2026-02-01', changes: [{ by: 'triggers', from: 0, to: 2 }] });
  });
});
