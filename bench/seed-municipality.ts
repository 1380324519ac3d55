/**
 * A municipality made directly in SQL (no import): one organiser with 20 school units, classes of
 * 25, pupils with sex and årskurs, and pupil-day rows for every weekday of [from, to] — about one
 * pupil in ten with heavy absence, the rest a little. Used by the nightly-ladder and statistics benches.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../src/server/db/client.js';

export async function seedMunicipality(
  database: Database,
  pupils: number,
  days: { from: string; to: string },
): Promise<string> {
  const organiserId = randomUUID();
  const db = database.db;
  await db.execute(sql`insert into organisations (organiser_id, id, display_name, organisation_type)
    select ${organiserId}::uuid, ${organiserId}::uuid, 'Benchkommun', 'Huvudman'
    union all select ${organiserId}::uuid, md5(${organiserId} || 'u' || u)::uuid, 'Skola ' || u, 'Skolenhet' from generate_series(1, 20) u`);
  await db.execute(sql`insert into groups (organiser_id, id, school_unit_id, display_name, group_type, start_date)
    select ${organiserId}::uuid, md5(${organiserId} || 'g' || g)::uuid, md5(${organiserId} || 'u' || (1 + g % 20))::uuid, 'Klass ' || g, 'Klass', ${days.from}
    from generate_series(0, ${Math.ceil(pupils / 25) - 1}) g`);
  await db.execute(sql`insert into group_memberships (organiser_id, group_id, person_id, start_date)
    select ${organiserId}::uuid, md5(${organiserId} || 'g' || (p / 25))::uuid, md5(${organiserId} || 'p' || p)::uuid, ${days.from}
    from generate_series(0, ${pupils - 1}) p`);
  await db.execute(sql`insert into persons (organiser_id, id, given_name, family_name, sex)
    select ${organiserId}::uuid, md5(${organiserId} || 'p' || p)::uuid, 'Elev', 'Nummer ' || p, case when p % 2 = 0 then 'Kvinna' else 'Man' end
    from generate_series(0, ${pupils - 1}) p`);
  await db.execute(sql`insert into enrolments (organiser_id, person_id, school_unit_id, school_type, school_year, start_date)
    select ${organiserId}::uuid, md5(${organiserId} || 'p' || p)::uuid, md5(${organiserId} || 'u' || (1 + (p / 25) % 20))::uuid, 'GR', 1 + (p / 25) % 9, ${days.from}
    from generate_series(0, ${pupils - 1}) p`);
  await db.execute(sql`insert into pupil_days (organiser_id, person_id, date, school_unit_id, scheduled, known, attended, valid, invalid, other, late_count, late_minutes, is_absent_day, has_absence)
    select ${organiserId}::uuid, md5(${organiserId} || 'p' || p)::uuid, d::date, md5(${organiserId} || 'u' || (1 + (p / 25) % 20))::uuid,
      300, 300, 300 - a, a / 2, a - a / 2, 0, 0, 0, a = 300, a > 0
    from generate_series(0, ${pupils - 1}) p
    cross join generate_series(${days.from}::date, ${days.to}::date, '1 day') d
    cross join lateral (select case when extract(isodow from d) > 5 then null
      when (hashtext(p::text || d::text) & 1023) < (case when p % 10 = 0 then 300 else 40 end) then 300 else 0 end as a) x
    where x.a is not null`);
  return organiserId;
}
