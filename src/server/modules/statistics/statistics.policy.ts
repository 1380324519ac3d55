/**
 * Who sees which statistics:
 * - school view: rektor and elevhälsa for their own school units, huvudman for any unit;
 * - organiser view and regional sharing: huvudman (organiser-wide organiserAdmin);
 * - regional view: the region role, for its own region (the actor's tenant is the region); a region
 *   user reaches nothing else (only routes declaring `allowRegion`, enforced per route in authenticate.ts).
 */
import { forbidden, notFound } from '../../errors.js';
import { type Actor, hasOrganiserWideRole, hasRole, schoolUnitsWith } from '../../policies/actor.js';
import type { Units } from './statistics.repo.js';

/** @throws FORBIDDEN when the actor has no school unit to see, or asks for one that is not theirs. */
export function schoolStatisticsUnits(actor: Actor, schoolUnitId?: string): Units {
  const units = schoolUnitsWith(actor, 'principal', 'studentHealth', 'organiserAdmin');
  if (units !== 'all' && units.length === 0) throw forbidden('Statistiken visas för rektor, elevhälsa och huvudman.');
  if (!schoolUnitId) return units;
  if (units !== 'all' && !units.includes(schoolUnitId)) throw forbidden('Du ser statistik bara för dina skolenheter.');
  return [schoolUnitId];
}

/**
 * The pupils behind a school figure: rektor and elevhälsa of the unit only. Huvudman and the
 * region get aggregates, never pupils. @throws FORBIDDEN otherwise.
 */
export function pupilListUnit(actor: Actor, schoolUnitId: string): string {
  if (canListPupils(actor, schoolUnitId)) return schoolUnitId;
  // Rektor or elevhälsa of other units: a unit they have no relationship to (or another organiser's) is not disclosed.
  if (hasRole(actor, 'principal', 'studentHealth')) throw notFound('NOT_FOUND', 'Skolenheten finns inte.');
  throw forbidden('Eleverna bakom statistiken visas för rektor och elevhälsa på skolenheten.');
}

export function canListPupils(actor: Actor, schoolUnitId: string): boolean {
  const units = schoolUnitsWith(actor, 'principal', 'studentHealth');
  return units === 'all' || units.includes(schoolUnitId);
}

export function assertOrganiserView(actor: Actor): void {
  if (!hasOrganiserWideRole(actor, 'organiserAdmin')) throw forbidden('Huvudmannens statistik är för huvudmannen.');
}

/** @returns the region id (the region user's tenant). @throws FORBIDDEN for anyone without the region role. */
export function regionOf(actor: Actor): string {
  if (!hasOrganiserWideRole(actor, 'region')) throw forbidden('Regional statistik visas för regionens användare.');
  return actor.organiserId;
}
