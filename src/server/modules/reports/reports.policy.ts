/** Registration completeness: rektor, elevhälsa and huvudman, for their school units (organiser-wide: all). 403 otherwise. */
import { forbidden } from '../../errors.js';
import { type Actor, schoolUnitsWith } from '../../policies/actor.js';
import { allows, type PolicyTable } from '../../policies/table.js';

export type ReportAction = 'readCompleteness';

export const reportsPolicy = {
  readCompleteness: { roles: ['principal', 'studentHealth', 'organiserAdmin'] },
} as const satisfies PolicyTable<ReportAction>;

/**
 * The school units the completeness report covers: the one asked for, or all the actor may see.
 * @throws FORBIDDEN without a role for it, or for a school unit outside the actor's
 */
export function completenessUnits(actor: Actor, schoolUnitId?: string): string[] | 'all' {
  const units = schoolUnitsWith(actor, ...reportsPolicy.readCompleteness.roles);
  if (units !== 'all' && units.length === 0)
    throw forbidden('Registreringsgrad visas för rektor, elevhälsa och huvudman.');
  if (!schoolUnitId) return units;
  if (!allows(reportsPolicy, actor, 'readCompleteness', { schoolUnitId })) throw forbidden();
  return [schoolUnitId];
}
