/** School units and groups the reports can be filtered by. */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.js';
import { uuidArray } from '../../db/sql.js';

export async function findSchoolUnitsAndGroups(tx: Tx, organiserId: string, units: string[] | 'all') {
  const unitFilter = units === 'all' ? sql`true` : sql`o.id = any(${uuidArray(units)})`;
  const schoolUnits = await queryRows<{ id: string; name: string; school_unit_code: string | null }>(
    tx,
    sql`select o.id, o.display_name as name, o.school_unit_code
    from organisations o where o.organiser_id = ${organiserId} and o.organisation_type = 'Skolenhet' and ${unitFilter} order by o.display_name`,
  );
  const groupFilter = units === 'all' ? sql`true` : sql`g.school_unit_id = any(${uuidArray(units)})`;
  const groups = await queryRows<{ id: string; name: string; school_unit_id: string }>(
    tx,
    sql`select g.id, g.display_name as name, g.school_unit_id
    from groups g where g.organiser_id = ${organiserId} and ${groupFilter} and g.group_type = 'Klass' order by g.display_name`,
  );
  return { schoolUnits, groups };
}
