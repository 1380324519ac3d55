/**
 * The abilities /api/auth/me sends the web app, decided by the same policies the routes check, so
 * the web app does not re-derive them from role grants (issue 18, item 3).
 */
import { NIL_UUID } from '../../db/sql.js';
import type { Abilities } from '../../../shared/schemas/auth.js';
import { type Actor, hasOrganiserWideRole, hasRole, schoolUnitsWith } from '../../policies/actor.js';
import { canCloseStep, canEvaluate, canManageLadder } from '../ladders/ladders.policy.js';

/**
 * True when the unit-level check allows at some school unit of the actor, at the organiser level, or
 * (organiser-wide grants) at any unit, which NIL_UUID stands for.
 */
function anywhere(actor: Actor, check: (actor: Actor, schoolUnitId: string | null) => boolean): boolean {
  const units = new Set<string | null>([null, NIL_UUID, ...actor.roles.map((g) => g.schoolUnitId)]);
  return [...units].some((unit) => check(actor, unit));
}

export function abilitiesOf(actor: Actor): Abilities {
  if (actor.kind !== 'staff')
    return {
      canEvaluateLadders: false,
      canManageLadders: false,
      canDecideLadderStep: false,
      closeLadderStepUnits: [],
      earlyWarningScopes: [],
      defaultCaseScope: 'mine',
    };
  const schoolStaff = hasRole(actor, 'principal', 'studentHealth');
  const closeUnits = schoolUnitsWith(actor, 'principal', 'studentHealth');
  return {
    canEvaluateLadders: anywhere(actor, canEvaluate),
    canManageLadders: anywhere(actor, canManageLadder),
    // The same roles POST /api/pupils/:id/ladder-decisions admits (for a pupil they may read).
    canDecideLadderStep: hasRole(actor, 'principal', 'studentHealth', 'mentor'),
    closeLadderStepUnits: closeUnits === 'all' ? 'all' : closeUnits.filter((unit) => canCloseStep(actor, unit)),
    earlyWarningScopes: [
      ...(hasRole(actor, 'mentor') ? (['mine'] as const) : []),
      ...(schoolStaff ? (['school'] as const) : []),
      ...(hasOrganiserWideRole(actor, 'organiserAdmin') ? (['organiser'] as const) : []),
    ],
    // Rektor and elevhälsa answer for the school's cases (and its reminders), so they start there.
    defaultCaseScope: schoolStaff ? 'school' : 'mine',
  };
}
