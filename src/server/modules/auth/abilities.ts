/**
 * The abilities /api/auth/me sends the web app, decided by the same policies the routes check, so
 * the web app does not re-derive them from role grants (issue 18, item 3).
 */
import type { Abilities } from '../../../shared/schemas/auth.js';
import { type Actor, hasOrganiserWideRole, hasRole } from '../../policies/actor.js';
import { allowsAnywhere, type PolicyTable } from '../../policies/table.js';

/**
 * The ladder rules the web app offers pages and buttons for, as the ladders module checks them
 * (ladders.policy.ts). Kept here, not imported: auth → ladders would close a module cycle. Deciding
 * and closing a pupil's step are not here: the pupil's ladder page gets those for that pupil.
 */
type LadderAbility = 'evaluate' | 'manage';
export const ladderAbilities = {
  evaluate: { roles: ['principal', 'studentHealth'], organiserRoles: ['organiserAdmin'] },
  manage: { roles: ['principal'], organiserRoles: ['organiserAdmin'] },
} as const satisfies PolicyTable<LadderAbility>;

export function abilitiesOf(actor: Actor): Abilities {
  if (actor.kind !== 'staff')
    return {
      canEvaluateLadders: false,
      canManageLadders: false,
      earlyWarningScopes: [],
      defaultCaseScope: 'mine',
    };
  const schoolStaff = hasRole(actor, 'principal', 'studentHealth');
  return {
    canEvaluateLadders: allowsAnywhere(ladderAbilities, actor, 'evaluate'),
    canManageLadders: allowsAnywhere(ladderAbilities, actor, 'manage'),
    earlyWarningScopes: [
      ...(hasRole(actor, 'mentor') ? (['mine'] as const) : []),
      ...(schoolStaff ? (['school'] as const) : []),
      ...(hasOrganiserWideRole(actor, 'organiserAdmin') ? (['organiser'] as const) : []),
    ],
    // Rektor and elevhälsa answer for the school's cases (and its reminders), so they start there.
    defaultCaseScope: schoolStaff ? 'school' : 'mine',
  };
}
