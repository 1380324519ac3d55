/** The draft preview: who would be on which step on a date under a version, next to the current states. */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.js';
import type { LadderDefinition } from '../../../shared/ladders/index.js';
import type { PreviewResponse } from '../../../shared/schemas/ladders.js';
import { dryRunLadder } from './dry-run-ladder.js';
import { findStates, type VersionRow } from './ladders.repo.js';
import { uuidArray } from '../../db/sql.js';

export async function previewLadderVersion(
  tx: Tx,
  organiserId: string,
  version: VersionRow,
  from: string,
  date: string,
  onProgress?: (done: number, total: number) => Promise<void>,
): Promise<PreviewResponse> {
  const runs = await dryRunLadder(
    tx,
    organiserId,
    version.definition as LadderDefinition,
    from,
    date,
    version.school_unit_key ? { schoolUnitId: version.school_unit_key } : {},
    onProgress,
  );
  const states = await findStates(
    tx,
    organiserId,
    runs.map((r) => r.personId),
  );
  const people = new Map(
    (
      await queryRows<{ id: string; given_name: string; family_name: string; class_name: string | null }>(
        tx,
        sql`
    select p.id, p.given_name, p.family_name, (select g.display_name from group_memberships gm join groups g on g.organiser_id = gm.organiser_id and g.id = gm.group_id
      where gm.organiser_id = p.organiser_id and gm.person_id = p.id and g.group_type = 'Klass' and gm.start_date <= ${date}
      order by (gm.end_date is null or gm.end_date >= ${date}) desc, gm.start_date desc limit 1) as class_name
    from persons p where p.organiser_id = ${organiserId} and p.id = any(${uuidArray(runs.map((r) => r.personId))})`,
      )
    ).map((p) => [p.id, p]),
  );
  const rows = runs
    .filter((r) => r.result.stepIndex > 0 || (states.get(r.personId)?.step_index ?? 0) > 0)
    .map((r) => {
      const current = states.get(r.personId);
      const person = people.get(r.personId);
      return {
        personId: r.personId,
        name: `${person?.given_name ?? ''} ${person?.family_name ?? ''}`.trim(),
        className: person?.class_name ?? null,
        current: { stepIndex: current?.step_index ?? 0, stepKey: current?.step_key ?? null },
        draft: { stepIndex: r.result.stepIndex, stepKey: r.result.stepKey, explanation: r.result.explanation },
      };
    })
    .sort((a, b) => b.draft.stepIndex - a.draft.stepIndex || a.name.localeCompare(b.name, 'sv'));
  return { date, rows };
}
