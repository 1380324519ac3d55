/**
 * The `stats` CLI command's rows, built by the same service functions as the routes. Unscoped on
 * purpose: the CLI is an operator tool with direct database access, not a user request.
 */
import type { Tx } from '../../db/client.js';
import type { BandCounts } from '../../../shared/statistics/index.js';
import type { StatFigures } from '../../../shared/schemas/statistics.js';
import { unsafeAllRegionIds } from './statistics.repo.js';
import { buildOrganiserStatistics, buildRegionalStatistics, buildSchoolStatistics } from './statistics.service.js';
import { unsafeAllOrganiserIds } from '../../db/tenants.js';

export interface StatsFigureFields {
  scheduled: number;
  known: number;
  valid: number;
  invalid: number;
  other: number;
  pupils: number;
  coverage: number | null;
  absentRate: number | null;
  isUncertain: boolean;
  bands: BandCounts;
}
export interface StatsUnitRow extends StatsFigureFields {
  organiserId: string;
  schoolUnitId: string;
  schoolUnitName: string;
}
export interface StatsOrganiserRow extends StatsFigureFields {
  organiserId: string;
  schoolUnits: StatsUnitRow[];
}

const fields = (f: StatFigures): StatsFigureFields => ({
  scheduled: f.scheduled,
  known: f.known,
  valid: f.valid,
  invalid: f.invalid,
  other: f.other,
  pupils: f.pupils,
  coverage: f.coverage,
  absentRate: f.absentRate,
  isUncertain: f.isUncertain,
  bands: f.bands,
});

export async function unsafeStatsForCli(
  tx: Tx,
  level: 'school' | 'organiser' | 'region',
  from: string,
  to: string,
  today: string,
) {
  if (level === 'region') {
    const regions = [];
    for (const regionId of await unsafeAllRegionIds(tx))
      regions.push({ regionId, ...(await buildRegionalStatistics(tx, regionId, { from, to })) });
    return regions;
  }
  const organisers = await unsafeAllOrganiserIds(tx);
  if (level === 'school') {
    const rows: StatsUnitRow[] = [];
    for (const organiserId of organisers) {
      const s = await buildSchoolStatistics(tx, organiserId, 'all', { from, to });
      rows.push(
        ...s.schoolUnits.map((u) => ({
          organiserId,
          schoolUnitId: u.schoolUnitId,
          schoolUnitName: u.schoolUnitName,
          ...fields(u.current),
        })),
      );
    }
    return rows;
  }
  const rows: StatsOrganiserRow[] = [];
  for (const organiserId of organisers) {
    const s = await buildOrganiserStatistics(tx, organiserId, { from, to, today });
    rows.push({
      organiserId,
      ...fields(s.total.current),
      schoolUnits: s.schoolUnits.map((u) => ({
        organiserId,
        schoolUnitId: u.schoolUnitId,
        schoolUnitName: u.schoolUnitName,
        ...fields(u.current),
      })),
    });
  }
  return rows;
}
