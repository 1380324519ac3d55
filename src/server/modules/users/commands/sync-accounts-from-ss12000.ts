/**
 * Accounts from SS12000, run by the import's apply step in its transaction (so an import or a
 * sync leaves accounts that match the data it wrote, or nothing at all):
 * - staff: a person with a duty in force gets a staff account; its `ss12000` role grants follow
 *   the duty roles and assignment roles through the organiser's mapping, each ending with its
 *   duty (or assignment); grants that no longer follow are removed, manual grants are left alone;
 * - guardians: a person with custody (`Vårdnadshavare`) of a pupil with a current or coming
 *   enrolment gets a guardian account (protected identity too: what the guardian sees follows the
 *   usual link rules);
 * - an SS12000 account with nothing left is disabled (never deleted, history stays) and enabled
 *   again when a duty or custody returns — unless an administrator disabled it.
 * Set-based SQL throughout: a municipality has tens of thousands of guardians.
 * @returns counts for the import report (only those above zero)
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../../db/client.js';
import { clockFor } from '../../../clock.js';
import { effectiveRoleMapping } from '../role-mapping.js';

export async function syncAccountsFromSs12000(
  tx: Tx,
  organiserId: string,
  today = clockFor({}).today(),
): Promise<Record<string, number>> {
  const mapping = (await effectiveRoleMapping(tx, organiserId)).filter((m) => m.role !== null);
  const counts: Record<string, number> = {};
  const count = async (key: string, query: ReturnType<typeof sql>) => {
    const rows = await queryRows<{ n: number }>(
      tx,
      sql`WITH changed AS (${query}) SELECT count(*)::int AS n FROM changed`,
    );
    const n = Number(rows[0]?.n ?? 0);
    if (n > 0) counts[key] = (counts[key] ?? 0) + n;
  };

  // Grants the data gives today: (person, role, unit, last day or null).
  await tx.execute(sql`DROP TABLE IF EXISTS pg_temp.ss12000_grants`);
  await tx.execute(sql`
    CREATE TEMP TABLE ss12000_grants ON COMMIT DROP AS
    WITH map AS (
      SELECT x->>'sourceKind' AS kind, x->>'sourceValue' AS value, x->>'role' AS role
      FROM jsonb_array_elements(${JSON.stringify(mapping)}::jsonb) x
    ), live_duties AS (
      SELECT d.* FROM duties d
      WHERE d.organiser_id = ${organiserId} AND d.start_date <= ${today}::date AND (d.end_date IS NULL OR d.end_date >= ${today}::date)
    ), given AS (
      SELECT d.person_id, m.role, d.school_unit_id::text AS unit, d.end_date
      FROM live_duties d JOIN map m ON m.kind = 'duty' AND m.value = d.duty_role
      UNION ALL
      -- least() skips nulls: the assignment ends with the earlier of its own and its duty's end.
      SELECT d.person_id, m.role, d.school_unit_id::text, least(a.end_date, d.end_date)
      FROM live_duties d
      JOIN duty_assignments a ON a.organiser_id = d.organiser_id AND a.duty_id = d.id
      JOIN map m ON m.kind = 'assignment' AND m.value = a.role_type
      WHERE a.start_date <= ${today}::date AND (a.end_date IS NULL OR a.end_date >= ${today}::date)
    )
    SELECT person_id, role, unit, CASE WHEN bool_or(end_date IS NULL) THEN NULL ELSE max(end_date) END AS ends_on
    FROM given GROUP BY person_id, role, unit`);

  // Persons who are to have an account, with its kind.
  await tx.execute(sql`DROP TABLE IF EXISTS pg_temp.ss12000_people`);
  await tx.execute(sql`
    CREATE TEMP TABLE ss12000_people ON COMMIT DROP AS
    SELECT DISTINCT person_id, 'staff' AS kind FROM ss12000_grants
    UNION
    SELECT DISTINCT r.guardian_id, 'guardian' FROM responsibles r
    WHERE r.organiser_id = ${organiserId} AND r.relation_type = 'Vårdnadshavare'
      AND EXISTS (SELECT 1 FROM enrolments e WHERE e.organiser_id = r.organiser_id AND e.person_id = r.pupil_id
        AND (e.end_date IS NULL OR e.end_date >= ${today}::date))`);

  // New accounts: staff named by their eppn or e-mail when that username is free, else by person id.
  const missing = sql`
    SELECT q.person_id, q.kind, p.given_name || ' ' || p.family_name AS display_name,
      lower(coalesce(p.edu_person_principal_names->>0, p.emails->0->>'value')) AS preferred
    FROM ss12000_people q JOIN persons p ON p.organiser_id = ${organiserId} AND p.id = q.person_id
    WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.organiser_id = ${organiserId} AND u.person_id = q.person_id AND u.kind = q.kind)`;
  await count(
    'accounts.created',
    sql`
    INSERT INTO users (organiser_id, id, username, password_hash, display_name, person_id, kind, source)
    SELECT ${organiserId}, gen_random_uuid(), m.preferred, NULL, m.display_name, m.person_id, m.kind, 'ss12000'
    FROM (${missing}) m WHERE m.kind = 'staff' AND m.preferred IS NOT NULL
    ON CONFLICT (username) DO NOTHING RETURNING 1`,
  );
  // Usernames are global; the same SS12000 person id under two organisers gets the organiser's id too.
  for (const suffix of [sql`''`, sql`'@' || ${organiserId}::text`]) {
    await count(
      'accounts.created',
      sql`
      INSERT INTO users (organiser_id, id, username, password_hash, display_name, person_id, kind, source)
      SELECT ${organiserId}, gen_random_uuid(), CASE m.kind WHEN 'staff' THEN 'p-' ELSE 'vh-' END || m.person_id || ${suffix},
        NULL, m.display_name, m.person_id, m.kind, 'ss12000'
      FROM (${missing}) m
      ON CONFLICT (username) DO NOTHING RETURNING 1`,
    );
  }

  // What a staff sign-in is matched against, and the name, follow the person.
  await tx.execute(sql`
    UPDATE users u SET login_keys = k.keys, display_name = k.display_name
    FROM (
      SELECT p.id, p.given_name || ' ' || p.family_name AS display_name, ARRAY(
        SELECT DISTINCT lower(trim(v)) FROM (
          SELECT e->>'value' AS v FROM jsonb_array_elements(p.emails) e
          UNION ALL SELECT x FROM jsonb_array_elements_text(p.edu_person_principal_names) x
          UNION ALL SELECT i->>'value' FROM jsonb_array_elements(p.external_identifiers) i
        ) s WHERE v IS NOT NULL AND trim(v) <> '' ORDER BY 1) AS keys
      FROM persons p WHERE p.organiser_id = ${organiserId}
    ) k
    WHERE u.organiser_id = ${organiserId} AND u.person_id = k.id
      AND ((u.kind = 'staff' AND u.login_keys IS DISTINCT FROM k.keys) OR (u.source = 'ss12000' AND u.display_name <> k.display_name))`);

  // Role grants: add and update the SS12000 ones (a manual grant of the same role stays manual), remove those that no longer follow.
  await count(
    'roleGrants.added',
    sql`
    INSERT INTO user_roles (organiser_id, user_id, role, school_unit_key, source, ends_on)
    SELECT ${organiserId}, u.id, g.role, g.unit, 'ss12000', g.ends_on
    FROM ss12000_grants g JOIN users u ON u.organiser_id = ${organiserId} AND u.person_id = g.person_id AND u.kind = 'staff'
    ON CONFLICT (organiser_id, user_id, role, school_unit_key) DO UPDATE SET ends_on = excluded.ends_on
      WHERE user_roles.source = 'ss12000' AND user_roles.ends_on IS DISTINCT FROM excluded.ends_on
    RETURNING 1`,
  );
  await count(
    'roleGrants.removed',
    sql`
    DELETE FROM user_roles r USING users u
    WHERE r.organiser_id = ${organiserId} AND r.source = 'ss12000' AND u.organiser_id = r.organiser_id AND u.id = r.user_id
      AND NOT EXISTS (SELECT 1 FROM ss12000_grants g WHERE g.person_id = u.person_id AND g.role = r.role AND g.unit = r.school_unit_key)
    RETURNING 1`,
  );

  // Status: only SS12000 accounts, and never against an administrator's decision.
  await count(
    'accounts.disabled',
    sql`
    UPDATE users u SET is_active = false, disabled_by = 'ss12000'
    WHERE u.organiser_id = ${organiserId} AND u.source = 'ss12000' AND u.is_active
      AND NOT EXISTS (SELECT 1 FROM ss12000_people q WHERE q.person_id = u.person_id AND q.kind = u.kind)
      AND NOT EXISTS (SELECT 1 FROM user_roles r WHERE r.organiser_id = u.organiser_id AND r.user_id = u.id AND r.source = 'manual'
        AND (r.ends_on IS NULL OR r.ends_on >= ${today}::date))
    RETURNING 1`,
  );
  await count(
    'accounts.enabled',
    sql`
    UPDATE users u SET is_active = true, disabled_by = NULL
    WHERE u.organiser_id = ${organiserId} AND u.disabled_by = 'ss12000'
      AND EXISTS (SELECT 1 FROM ss12000_people q WHERE q.person_id = u.person_id AND q.kind = u.kind)
    RETURNING 1`,
  );
  // A disabled account's sessions end with it.
  await tx.execute(sql`
    DELETE FROM sessions s USING users u
    WHERE s.organiser_id = ${organiserId} AND u.organiser_id = s.organiser_id AND u.id = s.user_id AND NOT u.is_active`);
  return counts;
}
