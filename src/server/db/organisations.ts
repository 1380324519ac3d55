/** The organiser's organisations (SS12000): queries several modules share. */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from './client.js';
import { uuidArray } from './sql.js';

export interface SchoolUnitRow {
  id: string;
  name: string;
}

/** School units (Skolenhet) of the organiser, optionally limited to some ids, by name. */
export async function findSchoolUnits(tx: Tx, organiserId: string, units: string[] | 'all'): Promise<SchoolUnitRow[]> {
  const filter = units === 'all' ? sql`true` : sql`o.id = any(${uuidArray(units)})`;
  return queryRows<SchoolUnitRow>(
    tx,
    sql`select o.id, o.display_name as name from organisations o
    where o.organiser_id = ${organiserId} and o.organisation_type = 'Skolenhet' and ${filter} order by o.display_name`,
  );
}
