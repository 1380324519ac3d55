// Stockholm stad "Frånvarotrappan" (docs/domain/ladders.md, 'The presets' (Stockholm), and D6): which pupils are on which step on which dates.
import { describe, expect, it } from 'vitest';
import { evaluateLadder, replayLadder } from '../evaluate';
import { on, paint, stepHistory, timetable } from '../test-fixtures';
import { LADDER_PRESETS } from './index';

const STOCKHOLM = LADDER_PRESETS.stockholm;
const SPRING = timetable('2026-01-08', '2026-06-12');

describe('Stockholm preset', () => {
  it('has the four steps in order, two of them entered by staff', () => {
    expect(STOCKHOLM.steps.map((s) => [s.key, s.entry])).toEqual([
      ['uppmarksamma', 'automatic'],
      ['fordjupad-kartlaggning', 'manual'],
      ['utredning-anmalan', 'automatic'],
      ['samverkan', 'manual'],
    ]);
    expect(STOCKHOLM.steps[2].actions.slice(0, 2)).toEqual([
      { kind: 'openCase', caseKind: 'investigation' },
      { kind: 'organiserNotice', templateKey: 'utredning-anmalan-utbildningsnamnden' },
    ]);
    expect(STOCKHOLM.description).toContain('oavsett vilket steg eleven var på');
  });

  it('puts a pupil with 42 % absence in January on "Utredning + anmälan" when January is complete, whatever came before', () => {
    const days = paint(SPRING, { valid: 126 }, '2026-01-01', '2026-01-31');
    const results = replayLadder(STOCKHOLM, { days }, '2026-01-08', '2026-06-30');
    expect(on(results, '2026-01-30').stepIndex).toBe(0);
    // Steps end (ladders D7): January + February still reach 20 % through 30 March; 8 whole weeks
    // after that ISO week (week 14, ending 5 April) the step ends on Sunday 31 May.
    expect(stepHistory(results)).toEqual([
      { date: '2026-01-31', step: 'utredning-anmalan' },
      { date: '2026-05-31', step: null },
    ]);
    expect(on(results, '2026-02-01').explanation).toBe(
      'Steg 3 (Utredning + anmälan) sedan 2026-01-31: frånvaro 42,0 % i januari 2026 (gräns 40 %).',
    );
    expect(on(results, '2026-05-30')).toMatchObject({
      stepIndex: 3,
      since: '2026-01-31',
      lastTriggeredOn: '2026-03-30',
    });
    expect(on(results, '2026-06-30')).toMatchObject({ stepIndex: 0, since: '2026-05-31', endedOn: '2026-05-31' });
    expect(on(results, '2026-06-30').explanation).toBe(
      'Avslutat 2026-05-31: under 10 % frånvaro i 8 veckor (steg 3, Utredning + anmälan).',
    );
  });

  it('reads 40 % as a stated level: exactly 40 % fires, 39,9 % does not', () => {
    const at = (perDay: number) =>
      evaluateLadder(STOCKHOLM, {
        evaluationDate: '2026-02-01',
        days: paint(SPRING, { valid: perDay }, '2026-01-01', '2026-01-31'),
      });
    expect(at(120).stepKey).toBe('utredning-anmalan');
    expect(at(119).stepKey).toBe('uppmarksamma');
  });

  it('fires on 25 % in both February and March, one combined rate over the two months', () => {
    const days = paint(SPRING, { valid: 75 }, '2026-02-01', '2026-03-31');
    const results = replayLadder(STOCKHOLM, { days }, '2026-01-08', '2026-04-15');
    expect(stepHistory(results)).toEqual([
      { date: '2026-02-28', step: 'uppmarksamma' },
      { date: '2026-03-31', step: 'utredning-anmalan' },
    ]);
    expect(on(results, '2026-04-01').explanation).toBe(
      'Steg 3 (Utredning + anmälan) sedan 2026-03-31: frånvaro 25,0 % i februari–mars 2026 (gräns 20 %).',
    );
    expect(on(results, '2026-03-01').explanation).toBe(
      'Steg 1 (Uppmärksamma) sedan 2026-02-28: frånvaro 25,0 % i februari 2026 (gräns 10 %).',
    );
  });

  it('does not let a month after a holiday month fire the two-month rule alone', () => {
    // School starts 18 August after a July without lessons; 30 % absence in August, none after.
    const autumn = paint(timetable('2025-08-18', '2025-10-31', []), { invalid: 90 }, '2025-08-01', '2025-08-31');
    const results = replayLadder(STOCKHOLM, { days: autumn }, '2025-08-18', '2025-10-31');
    expect(stepHistory(results)).toEqual([{ date: '2025-08-31', step: 'uppmarksamma' }]);
    // August + September together: 900 / 9600 = 9,4 %.
    expect(on(results, '2025-10-31').stepKey).toBe('uppmarksamma');
  });

  it('enters "Fördjupad kartläggning" and "Samverkan" only by staff decision', () => {
    const days = paint(
      paint(SPRING, { valid: 45 }, '2026-01-01', '2026-01-31'),
      { valid: 150 },
      '2026-03-01',
      '2026-03-31',
    );
    const staffDecisions = [
      { date: '2026-02-12', stepIndex: 2, reason: 'Frånvaron fortsätter efter den enkla kartläggningen' },
      { date: '2026-04-20', stepIndex: 4, reason: 'SIP behövs' },
    ];
    const results = replayLadder(STOCKHOLM, { days, staffDecisions }, '2026-01-08', '2026-05-31');
    expect(stepHistory(results)).toEqual([
      { date: '2026-01-31', step: 'uppmarksamma' },
      { date: '2026-02-12', step: 'fordjupad-kartlaggning' },
      { date: '2026-03-31', step: 'utredning-anmalan' },
      { date: '2026-04-20', step: 'samverkan' },
    ]);
    expect(on(results, '2026-05-31').explanation).toBe(
      'Steg 4 (Samverkan) sedan 2026-04-20: beslut av personal (SIP behövs).',
    );
    expect(stepHistory(replayLadder(STOCKHOLM, { days }, '2026-01-08', '2026-05-31')).map((h) => h.step)).toEqual([
      'uppmarksamma',
      'utredning-anmalan',
    ]);
  });

  it('messages guardians when monthly absence exceeds 20 % (strictly), once per month', () => {
    const exactly20 = replayLadder(
      STOCKHOLM,
      { days: paint(SPRING, { valid: 60 }, '2026-01-01', '2026-01-31') },
      '2026-01-08',
      '2026-02-28',
    );
    expect(exactly20.flatMap((r) => r.alerts)).toEqual([]);
    const over = replayLadder(
      STOCKHOLM,
      { days: paint(SPRING, { valid: 63 }, '2026-01-01', '2026-02-28') },
      '2026-01-08',
      '2026-03-31',
    );
    const messages = over.filter((r) => r.alerts.length > 0);
    expect(messages.map((r) => [r.evaluationDate, r.alerts.map((a) => a.key)])).toEqual([
      ['2026-01-31', ['manadsfranvaro-over-20']],
      ['2026-02-28', ['manadsfranvaro-over-20']],
    ]);
    expect(messages[0].alerts[0].explanation).toBe(
      'Månadsfrånvaro över 20 %: frånvaro 21,0 % i januari 2026 (gräns över 20 %).',
    );
  });

  it('messages guardians on the day of invalid absence, not for reported absence', () => {
    const days = paint(paint(SPRING, { invalid: 60 }, '2026-01-14'), { valid: 300 }, '2026-01-15');
    const results = replayLadder(STOCKHOLM, { days }, '2026-01-12', '2026-01-16');
    expect(results.map((r) => r.alerts.map((a) => a.key))).toEqual([[], [], ['franvaro-samma-dag'], [], []]);
    expect(on(results, '2026-01-14').alerts[0]).toMatchObject({
      actions: [{ kind: 'guardianMessage', templateKey: 'franvaro-samma-dag' }],
      explanation: 'Frånvaro samma dag: ogiltig frånvaro 60 min 2026-01-14.',
    });
  });

  it('states its exit and ends "Uppmärksamma" 8 whole weeks after a 10 % month stopped counting', () => {
    expect(STOCKHOLM.exit).toEqual({ kind: 'weeksWithoutTrigger', weeks: 8 });
    expect(STOCKHOLM.description).toContain('åtgärdsplanen följs upp inom 4–6 veckor');
    const days = paint(SPRING, { valid: 36 }, '2026-01-01', '2026-01-31');
    const results = replayLadder(STOCKHOLM, { days }, '2026-01-08', '2026-06-12');
    expect(stepHistory(results)).toEqual([
      { date: '2026-01-31', step: 'uppmarksamma' },
      { date: '2026-04-26', step: null },
    ]);
  });
});
