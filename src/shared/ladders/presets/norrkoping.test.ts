// Norrköping "Alla barn i skolan" (docs/domain/ladders.md, 'The presets'), with the readings stated in the preset's description.
import { describe, expect, it } from 'vitest';
import { evaluateLadder, replayLadder } from '../evaluate';
import { on, paint, stepHistory, timetable } from '../test-fixtures';
import { LADDER_PRESETS } from './index';

const NORRKOPING = LADDER_PRESETS.norrkoping;
const SPRING = timetable('2026-01-08', '2026-06-12');
const january = (patch: Parameters<typeof paint>[1]) => paint(SPRING, patch, '2026-01-01', '2026-01-31');

describe('Norrköping preset', () => {
  it('states its readings and follow-up points', () => {
    expect(NORRKOPING.steps.map((s) => s.key)).toEqual([
      'giltig-franvaro-over-10',
      'ogiltig-franvaro-over-10',
      'omfattande-franvaro',
    ]);
    expect(NORRKOPING.description).toContain(
      'mer än 20 % frånvaro sammantaget under två avslutade kalendermånader i följd',
    );
    expect(NORRKOPING.steps[1].actions.filter((a) => a.kind === 'task').map((a) => a.dueDays)).toEqual([7, 91, 365]);
  });

  it('follows up invalid absence over 10 % per pupil: strictly over', () => {
    const at = (perDay: number) =>
      evaluateLadder(NORRKOPING, { evaluationDate: '2026-01-31', days: january({ invalid: perDay }) });
    expect(at(30).stepIndex).toBe(0);
    expect(at(33).explanation).toBe(
      'Steg 2 (Ogiltig frånvaro över 10 %) sedan 2026-01-31: ogiltig frånvaro 11,0 % i januari 2026 (gräns över 10 %).',
    );
  });

  it('brings valid absence over 10 % to attention as its own step', () => {
    const result = evaluateLadder(NORRKOPING, { evaluationDate: '2026-02-01', days: january({ valid: 45 }) });
    expect(result.explanation).toBe(
      'Steg 1 (Giltig frånvaro över 10 %) sedan 2026-02-01: giltig frånvaro 15,0 % i januari 2026 (gräns över 10 %).',
    );
    // 9 % valid + 9 % invalid is 18 % absence, but neither kind is over 10 %.
    expect(
      evaluateLadder(NORRKOPING, { evaluationDate: '2026-02-01', days: january({ valid: 27, invalid: 27 }) }).stepIndex,
    ).toBe(0);
  });

  it('moves from valid to invalid follow-up, and stays on invalid follow-up when only valid absence follows', () => {
    const validThenInvalid = paint(january({ valid: 45 }), { invalid: 36 }, '2026-02-01', '2026-02-28');
    expect(stepHistory(replayLadder(NORRKOPING, { days: validThenInvalid }, '2026-01-08', '2026-03-31'))).toEqual([
      { date: '2026-01-31', step: 'giltig-franvaro-over-10' },
      { date: '2026-02-28', step: 'ogiltig-franvaro-over-10' },
    ]);
    const invalidThenValid = paint(january({ invalid: 36 }), { valid: 45 }, '2026-02-01', '2026-02-28');
    expect(stepHistory(replayLadder(NORRKOPING, { days: invalidThenValid }, '2026-01-08', '2026-03-31'))).toEqual([
      { date: '2026-01-31', step: 'ogiltig-franvaro-over-10' },
    ]);
  });

  it('reports extensive absence over two consecutive months to the head of operations', () => {
    const days = paint(SPRING, { valid: 66 }, '2026-02-01', '2026-03-31'); // 22 % in February and March
    const results = replayLadder(NORRKOPING, { days }, '2026-01-08', '2026-04-30');
    expect(stepHistory(results)).toEqual([
      { date: '2026-02-28', step: 'giltig-franvaro-over-10' },
      { date: '2026-03-31', step: 'omfattande-franvaro' },
    ]);
    expect(on(results, '2026-04-30').explanation).toBe(
      'Steg 3 (Omfattande frånvaro i mer än två månader) sedan 2026-03-31: frånvaro 22,0 % i februari–mars 2026 (gräns över 20 %).',
    );
    expect(NORRKOPING.steps[2].actions[0]).toEqual({
      kind: 'organiserNotice',
      templateKey: 'omfattande-franvaro-verksamhetschef',
    });
  });

  it('does not report exactly 20 %, nor a month after the summer alone', () => {
    const exactly = paint(SPRING, { valid: 60 }, '2026-02-01', '2026-03-31');
    expect(evaluateLadder(NORRKOPING, { evaluationDate: '2026-03-31', days: exactly }).stepKey).toBe(
      'giltig-franvaro-over-10',
    );
    // 50 % in the ten school days of August after a July without lessons; nothing in September.
    const autumn = paint(timetable('2025-08-18', '2025-10-31', []), { valid: 150 }, '2025-08-01', '2025-08-31');
    const results = replayLadder(NORRKOPING, { days: autumn }, '2025-08-18', '2025-10-31');
    expect(stepHistory(results)).toEqual([{ date: '2025-08-31', step: 'giltig-franvaro-over-10' }]);
  });

  it('ends the invalid-absence step 8 whole weeks after January stopped counting, and follows February absence again later', () => {
    expect(NORRKOPING.exit).toEqual({ kind: 'weeksWithoutTrigger', weeks: 8 });
    const days = paint(january({ invalid: 33 }), { invalid: 45 }, '2026-05-01', '2026-05-31');
    const results = replayLadder(NORRKOPING, { days }, '2026-01-08', '2026-06-12');
    expect(stepHistory(results)).toEqual([
      { date: '2026-01-31', step: 'ogiltig-franvaro-over-10' },
      { date: '2026-04-26', step: null },
      { date: '2026-05-31', step: 'ogiltig-franvaro-over-10' },
    ]);
    expect(on(results, '2026-04-26').changes).toEqual([
      expect.objectContaining({ by: 'exit', from: 2, to: 0, weeks: 8 }),
    ]);
  });
});
