import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION_POLICY, retentionCutoffs, subtractMonths, validateRetentionPolicy } from './policy.js';

describe('retention policy', () => {
  it('subtracts calendar months, clamping to the month end', () => {
    expect(subtractMonths('2026-11-23', 12)).toBe('2025-11-23');
    expect(subtractMonths('2026-03-31', 1)).toBe('2026-02-28');
    expect(subtractMonths('2028-03-31', 1)).toBe('2028-02-29');
    expect(subtractMonths('2026-01-15', 13)).toBe('2024-12-15');
  });

  it('gives one cutoff per rule from the periods', () => {
    expect(retentionCutoffs({ ...DEFAULT_RETENTION_POLICY, messagesMonths: 6 }, '2026-11-23')).toEqual({
      commentsBefore: '2025-11-23',
      leftBefore: '2024-11-23',
      messagesBefore: '2026-05-23',
      auditBefore: '2023-11-23',
    });
  });

  it('accepts the defaults and rejects periods outside the limits, in Swedish', () => {
    expect(validateRetentionPolicy(DEFAULT_RETENTION_POLICY)).toEqual([]);
    const problems = validateRetentionPolicy({
      ...DEFAULT_RETENTION_POLICY,
      auditEventsMonths: 6,
      registrationsAfterLeavingMonths: 12.5,
    });
    expect(problems.map((p) => p.path)).toEqual(['/registrationsAfterLeavingMonths', '/auditEventsMonths']);
    expect(problems[1]!.message).toContain('mellan 24 och 240');
  });
});
