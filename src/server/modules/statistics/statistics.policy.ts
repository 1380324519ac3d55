/**
 * Who sees which statistics:
 * - school view (a unit's aggregates): rektor, elevhälsa and huvudman for their school units, an
 *   organiser-wide huvudman for any unit;
 * - the pupils behind a school figure: rektor and elevhälsa of the unit only; huvudman and the region
 *   get aggregates, never pupils;
 * - organiser view, board reports and regional sharing: huvudman (organiser-wide organiserAdmin);
 * - regional view: the region role, for its own region (the actor's tenant is the region); a region
 *   user reaches nothing else (only routes declaring `allowRegion`, enforced per route in authenticate.ts).
 */
import { forbidden, notFound } from '../../errors.js';
import { type Actor, hasRole, schoolUnitsWith } from '../../policies/actor.js';
import { type PolicyTable, allows } from '../../policies/table.js';
import type { Units } from './statistics.repo.js';

export type StatisticsAction = 'readSchool' | 'listPupils' | 'readOrganiser' | 'readRegion';

export const STATISTICS_POLICY = {
  readSchool: { roles: ['principal', 'studentHealth', 'organiserAdmin'] },
  listPupils: { roles: ['principal', 'studentHealth'] },
  readOrganiser: { roles: [], organiserRoles: ['organiserAdmin'] },
  readRegion: { roles: [], organiserRoles: ['region'] },
} as const satisfies PolicyTable<StatisticsAction>;

/** Whether the actor may take the action on the statistics of a school unit (null: the organiser's or region's). */
export const canOnStatistics = (actor: Actor, action: StatisticsAction, schoolUnitId: string | null) =>
  allows(STATISTICS_POLICY, actor, action, { schoolUnitId });

/**
 * The relationship scope of the school view: the units whose statistics the actor reads.
 * @throws FORBIDDEN when the actor has no school unit to see, or asks for one that is not theirs.
 */
export function schoolStatisticsUnits(actor: Actor, schoolUnitId?: string): Units {
  const units = schoolUnitsWith(actor, ...STATISTICS_POLICY.readSchool.roles);
  if (units !== 'all' && units.length === 0) throw forbidden('Statistiken visas för rektor, elevhälsa och huvudman.');
  if (!schoolUnitId) return units;
  if (!canOnStatistics(actor, 'readSchool', schoolUnitId))
    throw forbidden('Du ser statistik bara för dina skolenheter.');
  return [schoolUnitId];
}

/**
 * The unit whose pupils behind a figure the actor may list.
 * @throws NOT_FOUND for rektor or elevhälsa of other units (a unit they have no relationship to, or
 * another organiser's, is not disclosed); FORBIDDEN for everyone else.
 */
export function pupilListUnit(actor: Actor, schoolUnitId: string): string {
  if (canOnStatistics(actor, 'listPupils', schoolUnitId)) return schoolUnitId;
  if (hasRole(actor, ...STATISTICS_POLICY.listPupils.roles)) throw notFound('NOT_FOUND', 'Skolenheten finns inte.');
  throw forbidden('Eleverna bakom statistiken visas för rektor och elevhälsa på skolenheten.');
}

/** @throws FORBIDDEN unless the actor is the organiser's huvudman. */
export function assertOrganiserView(actor: Actor): void {
  if (!canOnStatistics(actor, 'readOrganiser', null)) throw forbidden('Huvudmannens statistik är för huvudmannen.');
}

/** @returns the region id (the region user's tenant). @throws FORBIDDEN for anyone without the region role. */
export function regionOf(actor: Actor): string {
  if (!canOnStatistics(actor, 'readRegion', null)) throw forbidden('Regional statistik visas för regionens användare.');
  return actor.organiserId;
}
