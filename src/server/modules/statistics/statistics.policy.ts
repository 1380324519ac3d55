/**
 * Who sees which statistics:
 * - school view: rektor and elevhälsa for their own school units, huvudman for any unit;
 * - organiser view and regional sharing: huvudman (organiser-wide organiserAdmin);
 * - regional view: system administrator, until a region role exists.
 */
import { forbidden } from '../../errors.js';
import { type Actor, hasOrganiserWideRole, schoolUnitsWith } from '../../policies/actor.js';
import type { Units } from './statistics.repo.js';

/** @throws FORBIDDEN when the actor has no school unit to see, or asks for one that is not theirs. */
export function schoolStatisticsUnits(actor: Actor, schoolUnitId?: string): Units {
  const units = schoolUnitsWith(actor, 'principal', 'studentHealth', 'organiserAdmin');
  if (units !== 'all' && units.length === 0) throw forbidden('Statistiken visas för rektor, elevhälsa och huvudman.');
  if (!schoolUnitId) return units;
  if (units !== 'all' && !units.includes(schoolUnitId)) throw forbidden('Du ser statistik bara för dina skolenheter.');
  return [schoolUnitId];
}

export function assertOrganiserView(actor: Actor): void {
  if (!hasOrganiserWideRole(actor, 'organiserAdmin')) throw forbidden('Huvudmannens statistik är för huvudmannen.');
}

export function assertRegionView(actor: Actor): void {
  if (!hasOrganiserWideRole(actor, 'systemAdmin')) throw forbidden('Regional statistik visas för systemadministratören.');
}
