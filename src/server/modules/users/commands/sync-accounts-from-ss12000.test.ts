import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, schema } from '../../../db/client.js';
import { openTestDatabase } from '../../../test/support.js';
import type { Database } from '../../../db/client.js';
import { importSs12000 } from '../../imports/commands/import-ss12000.js';
import { IDS, recordsOf, smallImport } from '../../imports/test/small-import.js';

let database: Database;
let close: () => Promise<void>;
beforeAll(async () => ({ database, close } = await openTestDatabase()));
afterAll(() => close());

type Files = ReturnType<typeof smallImport>['files'];
const importFiles = async (files: Files) => {
  const report = await importSs12000(database, { files, actorUserId: null });
  expect(report.problems).toEqual([]);
  return report;
};

interface AccountRow {
  person_id: string;
  kind: string;
  username: string;
  is_active: boolean;
  disabled_by: string | null;
  source: string;
  login_keys: string[];
  grants: string[];
}
const accounts = (organiserId: string) =>
  queryRows<AccountRow>(
    database.db,
    sql`
  SELECT u.person_id, u.kind, u.username, u.is_active, u.disabled_by, u.source, u.login_keys,
    ARRAY(SELECT r.role || '@' || r.school_unit_key || ':' || r.source FROM user_roles r WHERE r.organiser_id = u.organiser_id AND r.user_id = u.id ORDER BY 1) AS grants
  FROM users u WHERE u.organiser_id = ${organiserId} ORDER BY u.kind, u.person_id`,
  );
const accountOf = async (organiserId: string, personId: string) =>
  (await accounts(organiserId)).find((a) => a.person_id === personId);

describe('accounts from SS12000', () => {
  it('makes staff accounts from duties and guardian accounts from custody, protected identity included', async () => {
    const fixture = smallImport();
    const teacher = recordsOf(fixture.files, 'persons').find((p) => p.id === IDS.teacher)!;
    teacher.emails = [{ value: 'Eva.Testsson@Skolan.se', type: 'Skola personal' }];
    teacher.eduPersonPrincipalNames = ['eva@skolan.se'];
    teacher.externalIdentifiers = [{ value: 'S-1-5-21-42', context: 'https://kommun.se/AD' }];
    const report = await importFiles(fixture.files);
    expect(report.counts['accounts.created']).toBe(3);
    const rows = await accounts(fixture.organiserId);
    expect(rows).toEqual([
      // Both guardians of pupil 2 (protected identity) have an account; what they see follows the link rules.
      expect.objectContaining({
        person_id: IDS.guardian1,
        kind: 'guardian',
        is_active: true,
        source: 'ss12000',
        grants: [],
      }),
      expect.objectContaining({
        person_id: IDS.guardian2,
        kind: 'guardian',
        is_active: true,
        source: 'ss12000',
        grants: [],
      }),
      {
        person_id: IDS.teacher,
        kind: 'staff',
        username: 'eva@skolan.se',
        is_active: true,
        disabled_by: null,
        source: 'ss12000',
        login_keys: ['eva.testsson@skolan.se', 'eva@skolan.se', 's-1-5-21-42'],
        grants: [`mentor@${IDS.unit}:ss12000`, `teacher@${IDS.unit}:ss12000`],
      },
    ]);
    // The same data again changes no account.
    const again = await importFiles(fixture.files);
    expect(Object.keys(again.counts).filter((k) => /^(accounts|roleGrants)\./.test(k))).toEqual([]);
  });

  it('gives the same persons their own accounts under a second organiser', async () => {
    const first = smallImport();
    await importFiles(first.files);
    const second = smallImport();
    expect((await importFiles(second.files)).counts['accounts.created']).toBe(3);
    expect((await accountOf(second.organiserId, IDS.guardian1))!.username).toBe(
      `vh-${IDS.guardian1}@${second.organiserId}`,
    );
  });

  it("follows the organiser's role mapping, ends roles with the duty and disables the account, keeping manual grants and an administrator's decision", async () => {
    const fixture = smallImport();
    await importFiles(fixture.files);
    const { organiserId } = fixture;
    // The organiser decides that Lärare gives no role of its own here.
    await database.db
      .insert(schema.ss12000RoleMappings)
      .values({ organiserId, sourceKind: 'duty', sourceValue: 'Lärare', role: '' });
    expect((await importFiles(fixture.files)).counts['roleGrants.removed']).toBe(1);
    expect((await accountOf(organiserId, IDS.teacher))!.grants).toEqual([`mentor@${IDS.unit}:ss12000`]);

    // A manual grant that has ended does not keep the account; the duty ending disables it.
    const teacherId = (
      await database.db
        .select()
        .from(schema.users)
        .where(sql`person_id = ${IDS.teacher}::uuid AND organiser_id = ${organiserId}::uuid`)
    )[0].id;
    await database.db.insert(schema.userRoles).values({
      organiserId,
      userId: teacherId,
      role: 'studentHealth',
      schoolUnitKey: IDS.unit,
      source: 'manual',
      endsOn: '2020-01-01',
    });
    const duty = recordsOf(fixture.files, 'duties')[0];
    duty.endDate = '2026-09-30';
    (duty.assignmentRole as { endDate?: string }[])[0].endDate = '2026-09-30';
    const ended = await importFiles(fixture.files);
    expect(ended.counts).toMatchObject({ 'roleGrants.removed': 1, 'accounts.disabled': 1 });
    expect(await accountOf(organiserId, IDS.teacher)).toMatchObject({
      is_active: false,
      disabled_by: 'ss12000',
      grants: [`studentHealth@${IDS.unit}:manual`],
    });

    // A new duty brings the account back.
    delete duty.endDate;
    delete (duty.assignmentRole as { endDate?: string }[])[0].endDate;
    expect((await importFiles(fixture.files)).counts).toMatchObject({ 'accounts.enabled': 1, 'roleGrants.added': 1 });
    expect(await accountOf(organiserId, IDS.teacher)).toMatchObject({ is_active: true, disabled_by: null });

    // An administrator's disabling is not undone by the import.
    await database.db
      .update(schema.users)
      .set({ isActive: false, disabledBy: 'admin' })
      .where(sql`id = ${teacherId}::uuid`);
    await importFiles(fixture.files);
    expect(await accountOf(organiserId, IDS.teacher)).toMatchObject({ is_active: false, disabled_by: 'admin' });
  });

  it('disables a guardian account when custody ends and signs its sessions out', async () => {
    const fixture = smallImport();
    await importFiles(fixture.files);
    const { organiserId } = fixture;
    const [guardian] = await database.db
      .select()
      .from(schema.users)
      .where(sql`person_id = ${IDS.guardian2}::uuid AND organiser_id = ${organiserId}::uuid`);
    await database.db.insert(schema.sessions).values({
      tokenHash: `t-${organiserId}`,
      organiserId,
      userId: guardian.id,
      csrfToken: 'x',
      expiresAt: new Date(Date.now() + 3600_000),
    });
    const pupil2 = recordsOf(fixture.files, 'persons').find((p) => p.id === IDS.pupil2)!;
    pupil2.responsibles = [
      { person: { id: IDS.guardian1 }, relationType: 'Vårdnadshavare' },
      { person: { id: IDS.guardian2 }, relationType: 'Annan ansvarig' },
    ];
    expect((await importFiles(fixture.files)).counts['accounts.disabled']).toBe(1);
    expect(await accountOf(organiserId, IDS.guardian2)).toMatchObject({ is_active: false, disabled_by: 'ss12000' });
    expect(await accountOf(organiserId, IDS.guardian1)).toMatchObject({ is_active: true });
    expect(await database.db.select().from(schema.sessions).where(sql`user_id = ${guardian.id}::uuid`)).toEqual([]);
  });
});
