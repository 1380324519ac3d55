// `npm run cli -- user …` in its own process, on accounts an SS12000 import made.
import { describe, expect, it } from 'vitest';
import { IDS, smallImport } from '../imports/test/small-import.js';
import { runCli as cli, writeImportFolder } from '../../test/cli.js';

describe('user command line', () => {
  it('lists the accounts an import made, grants and revokes a manual role, disables and enables', () => {
    const { filesDir, dataDir } = writeImportFolder(smallImport().files, 'narvaro-cli-users-');
    expect(cli(['import', 'ss12000', filesDir], dataDir).status).toBe(0);

    const list = cli(['user', 'list', '--role', 'mentor', '--json'], dataDir);
    expect(list.status).toBe(0);
    const username = `p-${IDS.teacher}`;
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({
        username,
        kind: 'staff',
        source: 'ss12000',
        isActive: true,
        roles: expect.arrayContaining([
          expect.objectContaining({ role: 'mentor', schoolUnitId: IDS.unit, source: 'ss12000' }),
        ]),
      }),
    ]);

    const granted = cli(
      ['user', 'grant', username, '--role', 'studentHealth', '--school', IDS.unit, '--until', '2099-06-30'],
      dataDir,
    );
    expect(granted.status).toBe(0);
    expect(JSON.parse(granted.stdout).roles).toContainEqual(
      expect.objectContaining({ role: 'studentHealth', source: 'manual', endsOn: '2099-06-30' }),
    );
    const revoked = cli(['user', 'revoke', username, '--role', 'studentHealth', '--school', IDS.unit], dataDir);
    expect(JSON.parse(revoked.stdout).roles.map((r: { role: string }) => r.role)).not.toContain('studentHealth');
    const refused = cli(['user', 'revoke', username, '--role', 'mentor', '--school', IDS.unit], dataDir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/SS12000/);

    expect(JSON.parse(cli(['user', 'disable', username], dataDir).stdout)).toMatchObject({
      isActive: false,
      disabledBy: 'admin',
    });
    expect(JSON.parse(cli(['user', 'enable', username], dataDir).stdout)).toMatchObject({ isActive: true });
    const usage = cli(['user', 'grant', username], dataDir);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--role/);
  }, 300_000);
});
