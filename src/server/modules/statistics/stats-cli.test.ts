// The documented `stats` command on an imported SS12000 folder (PGlite data folder, separate process).
import { describe, expect, it } from 'vitest';
import { IDS, smallImport } from '../imports/test/small-import.js';
import { runCli as cli, runCliWithEnv, writeImportFolder } from '../../test/cli.js';

describe('stats command', () => {
  // Ten separate processes, each opening the data folder: minutes on a busy machine.
  it('prints per school unit figures and bands as JSON', { timeout: 240_000 }, () => {
    const { filesDir, dataDir } = writeImportFolder(smallImport().files, 'narvaro-stats-');
    expect(cli(['import', 'ss12000', filesDir], dataDir).status).toBe(0);

    const school = cli(['stats', '--level', 'school', '--from', '2026-10-19', '--to', '2026-10-19', '--json'], dataDir);
    expect(school.status).toBe(0);
    // Same day as the measures CLI test: pupil 1 present 50 of 50 minutes, pupil 2 absent 40 of 40.
    expect(JSON.parse(school.stdout)).toEqual([
      expect.objectContaining({
        schoolUnitId: IDS.unit,
        scheduled: 90,
        known: 90,
        valid: 0,
        invalid: 40,
        other: 0,
        pupils: 2,
        bands: { below5: 1, from5to10: 0, from10to20: 0, from20to50: 0, from50: 1, noData: 0 },
      }),
    ]);
    const organiser = cli(
      ['stats', '--level', 'organiser', '--from', '2026-10-19', '--to', '2026-10-19', '--json'],
      dataDir,
    );
    expect(JSON.parse(organiser.stdout)).toEqual([
      expect.objectContaining({
        pupils: 2,
        invalid: 40,
        schoolUnits: [expect.objectContaining({ schoolUnitId: IDS.unit })],
      }),
    ]);
    // Rebuilding the roll-ups (as after a bulk load) changes no figure.
    const rebuilt = cli(['rollups', 'rebuild'], dataDir);
    expect(rebuilt.status).toBe(0);
    expect(rebuilt.stdout).toMatch(/ s\n/);
    expect(
      cli(['stats', '--level', 'school', '--from', '2026-10-19', '--to', '2026-10-19', '--json'], dataDir).stdout,
    ).toBe(school.stdout);

    const organiserId = JSON.parse(organiser.stdout)[0].organiserId as string;
    expect(
      cli(['region', 'create', '--name', 'Länet', '--organiser', '00000000-0000-4000-8000-000000000000'], dataDir)
        .stderr,
    ).toMatch(/no organiser/);
    const region = runCliWithEnv(
      ['region', 'create', '--name', 'Länet', '--organiser', organiserId, '--username', 'lanet'],
      dataDir,
      { NARVARO_REGION_PASSWORD: 'ett långt lösenord' },
    );
    expect(region.status).toBe(0);
    const regional = cli(
      ['stats', '--level', 'region', '--from', '2026-10-19', '--to', '2026-10-19', '--json'],
      dataDir,
    );
    // The organiser has not chosen to share: the region sees its membership, no figures.
    expect(JSON.parse(regional.stdout)).toEqual([
      expect.objectContaining({
        regionId: JSON.parse(region.stdout).regionId,
        regionName: 'Länet',
        memberOrganisers: 1,
        organisers: [],
      }),
    ]);

    const usage = cli(['stats', '--level', 'county', '--from', '2026-10-19', '--to', '2026-10-19'], dataDir);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--level/);
  });
});
