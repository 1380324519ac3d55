import { describe, expect, it } from 'vitest';
import type { LadderVersionSummary } from '@shared/schemas/ladders';
import { historyOf, ORGANISER_SCOPE, upcomingVersions, versionInForce, versionsOfScope } from './versions';

const UNIT = '11111111-1111-4111-8111-111111111111';
let n = 0;
const version = (over: Partial<LadderVersionSummary>): LadderVersionSummary => ({
  id: `v${++n}`,
  ladderId: 'l',
  schoolUnitId: UNIT,
  version: n,
  name: 'Trappa',
  presetId: null,
  effectiveFrom: '2026-01-08',
  status: 'published',
  createdAt: '2026-01-01T00:00:00Z',
  publishedAt: null,
  definition: {},
  ...over,
});

describe('version in force', () => {
  const organiser = version({ id: 'org', schoolUnitId: null, effectiveFrom: '2025-08-18' });
  const spring = version({ id: 'spring', effectiveFrom: '2026-01-08', version: 1 });
  const autumn = version({ id: 'autumn', effectiveFrom: '2026-08-17', version: 2 });
  const draft = version({ id: 'draft', status: 'draft', effectiveFrom: '2026-01-01', version: 3 });
  const later = version({ id: 'later', effectiveFrom: '2027-01-07', version: 4 });
  const all = [organiser, spring, autumn, draft, later];

  it('is the last started published version of the unit', () => {
    expect(versionInForce(all, UNIT, '2026-11-23')?.id).toBe('autumn');
    expect(versionInForce(all, UNIT, '2026-03-01')?.id).toBe('spring');
  });
  it('falls back to the organiser before the unit has one', () => {
    expect(versionInForce(all, UNIT, '2025-12-01')?.id).toBe('org');
    expect(versionInForce(all, ORGANISER_SCOPE, '2026-11-23')?.id).toBe('org');
    expect(versionInForce([spring], ORGANISER_SCOPE, '2026-11-23')).toBeNull();
  });
  it('orders versions with the same date by number, as the server does', () => {
    const again = version({ id: 'again', effectiveFrom: '2026-08-17', version: 9 });
    expect(versionInForce([...all, again], UNIT, '2026-11-23')?.id).toBe('again');
  });
  it('lists later versions as upcoming and the history newest first', () => {
    expect(upcomingVersions(all, UNIT, '2026-11-23').map((v) => v.id)).toEqual(['later']);
    expect(versionsOfScope(all, UNIT).map((v) => v.id)).toEqual(['later', 'draft', 'autumn', 'spring']);
  });
  it("lists the organiser's version in force in the history of a unit that follows it", () => {
    const elsewhere = '22222222-2222-4222-8222-222222222222';
    expect(historyOf(all, elsewhere, versionInForce(all, elsewhere, '2026-11-23')).map((v) => v.id)).toEqual(['org']);
    expect(historyOf(all, UNIT, versionInForce(all, UNIT, '2026-11-23')).map((v) => v.id)).toEqual([
      'later',
      'draft',
      'autumn',
      'spring',
    ]);
  });
});
