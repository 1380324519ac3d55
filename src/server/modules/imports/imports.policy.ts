/** SS12000 import and sync are the system administrator's (organiser-wide), 403 for everyone else. */
import type { Actor } from '../../policies/actor.js';
import { assertAllowedAnywhere, type PolicyTable } from '../../policies/table.js';

export type ImportAction = 'import' | 'readImports' | 'readSync' | 'editSync' | 'runSync';

export const importsPolicy = {
  import: { roles: [], organiserRoles: ['systemAdmin'] },
  readImports: { roles: [], organiserRoles: ['systemAdmin'] },
  readSync: { roles: [], organiserRoles: ['systemAdmin'] },
  editSync: { roles: [], organiserRoles: ['systemAdmin'] },
  runSync: { roles: [], organiserRoles: ['systemAdmin'] },
} as const satisfies PolicyTable<ImportAction>;

const refusals: Record<ImportAction, string> = {
  import: 'Endast systemadministratör kan importera.',
  readImports: 'Endast systemadministratör kan se importer.',
  readSync: 'Endast systemadministratör kan se synkroniseringen.',
  editSync: 'Endast systemadministratör kan ställa in synkroniseringen.',
  runSync: 'Endast systemadministratör kan synka.',
};

export const assertImportsAllowed = (actor: Actor, action: ImportAction) =>
  assertAllowedAnywhere(importsPolicy, actor, action, refusals[action]);
