// Örebro län, the common three stages (docs/domain/ladders.md, 'The presets'), with the readings stated in the preset's description.
import { describe, expect, it } from 'vitest';
import { evaluateLadder, replayLadder } from '../evaluate';
import { on, paint, paintDates, stepHistory, timetable } from '../test-fixtures';
import { LADDER_PRESETS } from './index';

const OREBRO = LADDER_PRESETS.orebro;
const SPRING = timetable('2026-01-08', '2026-06-12');
// January has 17 school days = 5100 minutes; 510 minutes is exactly 10 %.
const TWO_DAYS = ['2026-01-12', '2026-01-20'];
const THREE_DAYS = ['2026-01-12', '2026-01-20', '2026-01-27'];

describe('Örebro preset', () => {
  it('states its readings in the description', () => {
    expect(OREBRO.steps.map((s) => s.name)).toEqual([
      'Begynnande frånvaro',
      'Upprepad frånvaro',
      'Hög frånvaro över tid',
    ]);
    expect(OREBRO.description).toContain(
      'minst 10 % under en avslutad kalendermånad och dessutom antingen minst 3 frånvarotillfällen',
    );
    expect(OREBRO.description).toContain('mer än 50 % frånvaro, anmäld och oanmäld, under en månad');
  });

  it('puts a pupil at "around 10 %" in a month on "Begynnande frånvaro" (stated level: at or above)', () => {
    const at = (perDay: number) =>
      evaluateLadder(OREBRO, { evaluationDate: '2026-01-31', days: paintDates(SPRING, { valid: perDay }, TWO_DAYS) });
    expect(at(254).stepIndex).toBe(0);
    expect(at(255).explanation).toBe(
      'Steg 1 (Begynnande frånvaro) sedan 2026-01-31: frånvaro 10,0 % i januari 2026 (gräns 10 %).',
    );
  });

  it('puts a pupil on "Begynnande frånvaro" on the day staff flag concern', () => {
    const results = replayLadder(
      OREBRO,
      { days: SPRING, concernFlags: [{ setOn: '2026-01-20' }] },
      '2026-01-08',
      '2026-02-28',
    );
    expect(stepHistory(results)).toEqual([{ date: '2026-01-20', step: 'begynnande' }]);
  });

  it('needs 10 % in the month together with three absence occasions for "Upprepad frånvaro"', () => {
    const result = evaluateLadder(OREBRO, {
      evaluationDate: '2026-01-31',
      days: paintDates(SPRING, { invalid: 170 }, THREE_DAYS),
    });
    expect(result.explanation).toBe(
      'Steg 2 (Upprepad frånvaro) sedan 2026-01-31: frånvaro 10,0 % i januari 2026 (gräns 10 %) och 3 frånvarotillfällen i januari 2026 (gräns minst 3).',
    );
    // Three occasions without 10 %: nothing.
    expect(
      evaluateLadder(OREBRO, { evaluationDate: '2026-01-31', days: paintDates(SPRING, { invalid: 100 }, THREE_DAYS) })
        .stepIndex,
    ).toBe(0);
  });

  it('takes two weeks of continuous absence as the alternative to three occasions', () => {
    let days = paintDates(SPRING, { valid: 255 }, TWO_DAYS); // Begynnande at the end of January
    days = paint(days, { valid: 300 }, '2026-02-02', '2026-02-13');
    const results = replayLadder(OREBRO, { days }, '2026-01-08', '2026-02-20');
    expect(stepHistory(results)).toEqual([
      { date: '2026-01-31', step: 'begynnande' },
      { date: '2026-02-13', step: 'upprepad' },
    ]);
    expect(on(results, '2026-02-13').explanation).toBe(
      'Steg 2 (Upprepad frånvaro) sedan 2026-02-13: frånvaro 10,0 % i januari 2026 (gräns 10 %) och 10 skoldagar i följd med hel frånvaro (2026-02-02–2026-02-13, gräns 10).',
    );
  });

  it('enters "Hög frånvaro över tid" only on a whole month after the week "Upprepad frånvaro" began', () => {
    let days = paintDates(SPRING, { invalid: 170 }, THREE_DAYS); // Upprepad on Saturday 31 January (week 5)
    days = paint(days, { valid: 75 }, '2026-02-01', '2026-03-31'); // 25 % in February and March
    const results = replayLadder(OREBRO, { days }, '2026-01-08', '2026-04-30');
    // February began before week 5 ended, so it is not evidence after the measures; March is.
    expect(stepHistory(results)).toEqual([
      { date: '2026-01-31', step: 'upprepad' },
      { date: '2026-03-31', step: 'hog-franvaro-over-tid' },
    ]);
    expect(on(results, '2026-04-30').explanation).toBe(
      'Steg 3 (Hög frånvaro över tid) sedan 2026-03-31: frånvaro 25,0 % i mars 2026 (gräns 20 %).',
    );
  });

  it('does not jump to "Hög frånvaro över tid" without "Upprepad frånvaro" first', () => {
    const days = paint(SPRING, { valid: 90 }, '2026-03-01', '2026-03-31');
    const results = replayLadder(OREBRO, { days }, '2026-03-01', '2026-05-31');
    expect(stepHistory(results)).toEqual([{ date: '2026-03-31', step: 'upprepad' }]);
  });

  it('notifies the board, without a step of its own, when absence exceeds 50 % in a month', () => {
    const results = replayLadder(
      OREBRO,
      { days: paint(SPRING, { valid: 100, invalid: 80 }, '2026-01-01', '2026-01-31') },
      '2026-01-08',
      '2026-02-28',
    );
    const notices = results.filter((r) => r.alerts.length > 0);
    expect(notices.map((r) => r.evaluationDate)).toEqual(['2026-01-31']);
    expect(notices[0].alerts[0]).toMatchObject({
      actions: [{ kind: 'organiserNotice', templateKey: 'franvaro-over-50-namnd' }],
      explanation: 'Rapport till nämnden: mer än 50 % frånvaro: frånvaro 60,0 % i januari 2026 (gräns över 50 %).',
    });
    expect(notices[0].stepKey).toBe('upprepad');
  });

  it('ends "Begynnande frånvaro" 8 whole weeks after its month stopped counting, with an explanation', () => {
    expect(OREBRO.exit).toEqual({ kind: 'weeksWithoutTrigger', weeks: 8 });
    const days = paintDates(SPRING, { valid: 255 }, TWO_DAYS);
    const results = replayLadder(OREBRO, { days }, '2026-01-08', '2026-06-12');
    // January is the last ended month through Friday 27 February (week 9, ends 1 March): + 8 weeks = 26 April.
    expect(stepHistory(results)).toEqual([
      { date: '2026-01-31', step: 'begynnande' },
      { date: '2026-04-26', step: null },
    ]);
    expect(on(results, '2026-05-01').explanation).toBe(
      'Avslutat 2026-04-26: inget av trappans villkor uppfyllt i 8 veckor (steg 1, Begynnande frånvaro).',
    );
  });
});
