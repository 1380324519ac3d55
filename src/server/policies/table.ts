/**
 * One shape for every module's policy (docs/architecture.md, "Access"):
 * - an action union per module, e.g. `type CaseAction = 'read' | 'work' | 'investigate' | …`;
 * - a table, `satisfies PolicyTable<CaseAction, CaseRelation>`, saying per action which role grants
 *   (at the resource's school unit, or organiser-wide) and which relationships allow it;
 * - the relationship scope as SQL beside it in the same file (which rows a list may show);
 * - a table-driven `<module>.policy.test.ts` that walks every role × relation × action.
 * The module loads the resource and its relations (member, mentor of the pupil, teacher of the lesson, …)
 * through its scoped repository; `allows` only reads the table.
 */
import type { Role } from '../../shared/roles.js';
import { type Actor, schoolUnitsWith } from './actor.js';
import { forbidden } from '../errors.js';

export interface PolicyRule<Relation extends string> {
  /** Role grants that allow the action at the resource's school unit (organiser-wide grants allow everywhere). */
  roles: readonly Role[];
  /** Relationships to the resource that allow the action whatever the roles. */
  relations?: readonly Relation[];
  /** Roles that allow it only when granted for the whole organiser (huvudman, system administrator). */
  organiserRoles?: readonly Role[];
}

export type PolicyTable<Action extends string, Relation extends string = never> = Record<Action, PolicyRule<Relation>>;

/** What `allows` needs of the resource: where it lives, and the actor's relationships to it. */
export interface PolicySubject<Relation extends string> {
  /** The school unit the resource belongs to; null for an organiser-level resource. */
  schoolUnitId: string | null;
  relations?: ReadonlySet<Relation> | readonly Relation[];
}

export function allows<Action extends string, Relation extends string>(
  table: PolicyTable<Action, Relation>,
  actor: Actor,
  action: Action,
  subject: PolicySubject<Relation>,
): boolean {
  const rule = table[action];
  if (rule.organiserRoles?.length && schoolUnitsWith(actor, ...rule.organiserRoles) === 'all') return true;
  if (rule.roles.length > 0) {
    const units = schoolUnitsWith(actor, ...rule.roles);
    if (units === 'all' || (subject.schoolUnitId !== null && units.includes(subject.schoolUnitId))) return true;
  }
  if (rule.relations?.length && subject.relations) {
    const held =
      subject.relations instanceof Set ? subject.relations : new Set(subject.relations as readonly Relation[]);
    if (rule.relations.some((r) => held.has(r))) return true;
  }
  return false;
}

/** Every action the actor may take on the subject: the abilities a presenter sends to the web app. */
export function abilitiesFor<Action extends string, Relation extends string>(
  table: PolicyTable<Action, Relation>,
  actor: Actor,
  subject: PolicySubject<Relation>,
): Record<Action, boolean> {
  const out = {} as Record<Action, boolean>;
  for (const action of Object.keys(table) as Action[]) out[action] = allows(table, actor, action, subject);
  return out;
}

/**
 * True when some grant could allow the action somewhere: a role at any school unit, or an organiser role
 * organiser-wide. Gates a list whose rows the relationship scope (SQL) then narrows; relations are not
 * known without a resource, so they do not count here.
 */
export function allowsAnywhere<Action extends string, Relation extends string>(
  table: PolicyTable<Action, Relation>,
  actor: Actor,
  action: Action,
): boolean {
  const rule = table[action];
  if (rule.organiserRoles?.length && schoolUnitsWith(actor, ...rule.organiserRoles) === 'all') return true;
  return rule.roles.length > 0 && actor.roles.some((g) => rule.roles.includes(g.role));
}

/** @throws FORBIDDEN (with `refusal`, or the general message) unless `allowsAnywhere`: for organiser-level actions. */
export function assertAllowedAnywhere<Action extends string, Relation extends string>(
  table: PolicyTable<Action, Relation>,
  actor: Actor,
  action: Action,
  refusal?: string,
): void {
  if (!allowsAnywhere(table, actor, action)) throw forbidden(refusal);
}
