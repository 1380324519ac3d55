import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../dates';
import { evaluateLadder } from './evaluate';
import { ladderLookbackDays } from './lookback';
import { LADDER_PRESETS, LADDER_PRESET_IDS } from './presets';
import { paint, timetable } from './test-fixtures';

describe('ladder lookback', () => {
  it('is long enough: the result equals evaluating the whole history, for every preset', () => {
    const year = timetable('2025-08-18', '2026-06-12');
    fc.assert(
      fc.property(
        fc.constantFrom(...LADDER_PRESET_IDS),
        fc.integer({ min: 120, max: 290 }),
        // Blocks of absence (a bad month, a long run) anywhere in the year, valid or invalid.
        fc.array(
          fc.record({
            day: fc.nat(year.length - 1),
            length: fc.integer({ min: 1, max: 50 }),
            minutes: fc.integer({ min: 60, max: 300 }),
            isValid: fc.boolean(),
          }),
          { maxLength: 4 },
        ),
        (presetId, offset, blocks) => {
          const ladder = LADDER_PRESETS[presetId];
          const date = addDays('2025-08-18', offset);
          const days = blocks.reduce(
            (acc, b) =>
              paint(
                acc,
                b.isValid ? { valid: b.minutes } : { invalid: b.minutes },
                year[b.day].date,
                year[Math.min(year.length - 1, b.day + b.length)].date,
              ),
            year,
          );
          const wholeHistory = { evaluationDate: date, days, lookbackDays: 100_000 };
          expect(evaluateLadder(ladder, { evaluationDate: date, days })).toEqual(evaluateLadder(ladder, wholeHistory));
          expect(ladderLookbackDays(ladder)).toBeGreaterThan(14);
        },
      ),
      { numRuns: 150 },
    );
  });
});
