// Kyrkbacksskolan "Närvarotrappa för ökad skolnärvaro" (docs/domain/ladders.md, 'The presets' (Kyrkbacksskolan), and D5).
import { describe, expect, it } from 'vitest';
import { weekdayOf } from '../../dates';
import { evaluateLadder, replayLadder } from '../evaluate';
import { on, paint, paintDates, schoolDates, stepHistory, timetable } from '../test-fixtures';
import { LADDER_PRESETS } from './index';

const KYRKBACKEN = LADDER_PRESETS.kyrkbacksskolan;
const SPRING = timetable('2026-01-08', '2026-06-12');
const mondays = (from: string, to: string) => schoolDates(SPRING, from, to).filter((d) => weekdayOf(d) === 1);

describe('Kyrkbacksskolan preset', () => {
  it('carries the law references and responsible roles of the document', () => {
    expect(KYRKBACKEN.steps.map((s) => [s.name, s.responsibleRoles, s.lawReferences])).toEqual([
      ['Frånvaro 0–20 %', ['Mentorer', 'Socialpedagog'], ['SL 7:20', 'SL 7:17']],
      ['Fortsatt frånvaro', ['Närvaro- och trygghetsteam'], ['SL 7:19 a', 'SL 7:21', 'SL 7:20']],
      ['Problematisk skolfrånvaro', ['Elevhälsoteam', 'Närvaro- och trygghetsteam'], ['SL 7:19', 'SL 7:20', 'SL 7:21']],
      [
        'Fortsatt problematisk skolfrånvaro',
        ['Rektorer', 'Elevhälsoteam'],
        ['SL 7:21', 'SoL 14:1 (numera nya socialtjänstlagen)'],
      ],
    ]);
    expect(KYRKBACKEN.description).toContain('En ofullständig vecka är en skolvecka med någon frånvaro');
  });

  it('enters step 1 on the day invalid absence is registered', () => {
    const days = paint(SPRING, { invalid: 60 }, '2026-01-14');
    const results = replayLadder(KYRKBACKEN, { days }, '2026-01-08', '2026-01-20');
    expect(stepHistory(results)).toEqual([{ date: '2026-01-14', step: 'franvaro-0-20' }]);
    expect(on(results, '2026-01-20').explanation).toBe(
      'Steg 1 (Frånvaro 0–20 %) sedan 2026-01-14: ogiltig frånvaro 60 min 2026-01-14.',
    );
  });

  it('catches a lesson confirmed a few days late on the night it is registered', () => {
    const before = paint(SPRING, { unknown: 60 }, '2026-01-14');
    const lastNight = replayLadder(KYRKBACKEN, { days: before }, '2026-01-08', '2026-01-18').at(-1)!;
    expect(lastNight.stepIndex).toBe(0);
    const tonight = evaluateLadder(KYRKBACKEN, {
      evaluationDate: '2026-01-19',
      days: paint(SPRING, { invalid: 60 }, '2026-01-14'),
      previous: lastNight,
    });
    expect(tonight.explanation).toBe('Steg 1 (Frånvaro 0–20 %) sedan 2026-01-19: ogiltig frånvaro 60 min 2026-01-14.');
  });

  it('enters step 1 on absence higher than 20 % in a month, not at exactly 20 %', () => {
    const at = (perDay: number) =>
      evaluateLadder(KYRKBACKEN, {
        evaluationDate: '2026-01-31',
        days: paint(SPRING, { valid: perDay }, '2026-01-01', '2026-01-31'),
      });
    expect(at(60).stepIndex).toBe(0);
    expect(at(61).explanation).toBe(
      'Steg 1 (Frånvaro 0–20 %) sedan 2026-01-31: frånvaro 20,3 % i januari 2026 (gräns över 20 %).',
    );
  });

  it('enters step 1 on absence that causes concern (manual flag)', () => {
    const result = evaluateLadder(KYRKBACKEN, {
      evaluationDate: '2026-02-03',
      days: SPRING,
      concernFlags: [{ setOn: '2026-02-03' }],
    });
    expect(result.explanation).toBe('Steg 1 (Frånvaro 0–20 %) sedan 2026-02-03: oro markerad av personal 2026-02-03.');
  });

  it('climbs one step per four fresh school weeks for a pupil with some absence every week', () => {
    // Invalid absence on Wednesday 14 January (week 3); an hour's reported absence every Monday from 12 January.
    const days = paintDates(
      paint(SPRING, { invalid: 60 }, '2026-01-14'),
      { valid: 60 },
      mondays('2026-01-12', '2026-06-12'),
    );
    const results = replayLadder(KYRKBACKEN, { days }, '2026-01-08', '2026-06-12');
    // Step 2: weeks 4–7, all after week 3. Step 3: weeks 8, 10, 11, 12 (week 9 is sportlov, no school week).
    // Step 4: weeks 13, 14, 16, 17 (week 15 is Easter).
    expect(stepHistory(results)).toEqual([
      { date: '2026-01-14', step: 'franvaro-0-20' },
      { date: '2026-02-15', step: 'fortsatt-franvaro' },
      { date: '2026-03-22', step: 'problematisk-skolfranvaro' },
      { date: '2026-04-26', step: 'fortsatt-problematisk-skolfranvaro' },
    ]);
    expect(on(results, '2026-02-15').explanation).toBe(
      'Steg 2 (Fortsatt frånvaro) sedan 2026-02-15: 4 av de 4 senaste skolveckorna med frånvaro (vecka 4–7 2026, gräns 3 av 4; alla efter vecka 3 2026).',
    );
    expect(on(results, '2026-06-12')).toMatchObject({ stepIndex: 4, since: '2026-04-26' });
  });

  it('needs all four weeks strictly after the entry week: 3 incomplete of 4 fresh weeks', () => {
    // Step 1 in week 3; absence in weeks 3, 4, 5 and 6, none in week 7.
    const days = paintDates(paint(SPRING, { invalid: 60 }, '2026-01-14'), { valid: 30 }, [
      '2026-01-19',
      '2026-01-26',
      '2026-02-02',
    ]);
    const results = replayLadder(KYRKBACKEN, { days }, '2026-01-08', '2026-03-31');
    // On 8 February weeks 3–6 are all incomplete, but week 3 is the entry week.
    expect(on(results, '2026-02-08').stepIndex).toBe(1);
    expect(on(results, '2026-02-14').stepIndex).toBe(1);
    expect(on(results, '2026-02-15').explanation).toBe(
      'Steg 2 (Fortsatt frånvaro) sedan 2026-02-15: 3 av de 4 senaste skolveckorna med frånvaro (vecka 4–7 2026, gräns 3 av 4; alla efter vecka 3 2026).',
    );
    expect(on(results, '2026-03-31')).toMatchObject({ stepIndex: 2, since: '2026-02-15' });
  });

  it('does not reach step 2 without step 1, however many weeks are incomplete', () => {
    const days = paintDates(SPRING, { valid: 30 }, mondays('2026-01-12', '2026-06-12'));
    expect(stepHistory(replayLadder(KYRKBACKEN, { days }, '2026-01-08', '2026-06-12'))).toEqual([]);
  });

  it('counts lateness towards an incomplete week', () => {
    const late = { invalid: 5, lateCount: 1, lateMinutes: 5 };
    const days = paintDates(SPRING, late, ['2026-01-14', '2026-01-20', '2026-01-28', '2026-02-04']);
    expect(stepHistory(replayLadder(KYRKBACKEN, { days }, '2026-01-08', '2026-02-28'))).toEqual([
      { date: '2026-01-14', step: 'franvaro-0-20' },
      { date: '2026-02-15', step: 'fortsatt-franvaro' },
    ]);
  });

  it('states its exit: 8 whole weeks with no trigger firing, an assumption the description gives', () => {
    expect(KYRKBACKEN.exit).toEqual({ kind: 'weeksWithoutTrigger', weeks: 8 });
    expect(KYRKBACKEN.description).toContain('8 veckor är ett antagande');
  });

  it('ends step 1 eight whole weeks after the last day invalid absence counted, and enters afresh on new invalid absence', () => {
    const days = paint(paint(SPRING, { invalid: 60 }, '2026-01-14'), { invalid: 30 }, '2026-04-14');
    const results = replayLadder(KYRKBACKEN, { days }, '2026-01-08', '2026-04-20');
    // The 7-day window keeps the trigger firing through Tuesday 20 January (week 4, ends 25 January): 56 days later, 22 March.
    expect(stepHistory(results)).toEqual([
      { date: '2026-01-14', step: 'franvaro-0-20' },
      { date: '2026-03-22', step: null },
      { date: '2026-04-14', step: 'franvaro-0-20' },
    ]);
    expect(on(results, '2026-04-13').explanation).toBe(
      'Avslutat 2026-03-22: inget av trappans villkor uppfyllt i 8 veckor (steg 1, Frånvaro 0–20 %).',
    );
  });

  it('keeps the step open while a concern flag stays set', () => {
    const results = replayLadder(
      KYRKBACKEN,
      { days: SPRING, concernFlags: [{ setOn: '2026-01-14', clearedOn: '2026-03-02' }] },
      '2026-01-08',
      '2026-06-12',
    );
    // Flag active until Sunday 1 March (week 9); 8 whole weeks later: Sunday 26 April.
    expect(stepHistory(results)).toEqual([
      { date: '2026-01-14', step: 'franvaro-0-20' },
      { date: '2026-04-26', step: null },
    ]);
  });
});
