/** A full export holds every pupil's registrations (and, when chosen, cases): the organiser administrator only. */
import type { Actor } from '../../policies/actor.js';
import { assertAllowedAnywhere, type PolicyTable } from '../../policies/table.js';

export type ExportAction = 'export';

export const exportsPolicy = {
  export: { roles: [], organiserRoles: ['organiserAdmin'] },
} as const satisfies PolicyTable<ExportAction>;

export const assertExportAdmin = (actor: Actor) =>
  assertAllowedAnywhere(exportsPolicy, actor, 'export', 'Export av all data görs av huvudmannen.');
