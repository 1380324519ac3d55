// The documented CLI: import an SS12000 folder, then figures and ladder steps as JSON.
import { describe, expect, it } from 'vitest';
import { IDS, smallImport } from './modules/imports/test/small-import.js';
import { runCli as cli, writeImportFolder } from './test/cli.js';

describe('command line', () => {
  it('imports SS12000 files, prints measures and ladder steps as JSON, and never loads demo data', () => {
    const { filesDir, dataDir } = writeImportFolder(smallImport().files, 'narvaro-cli-');

    const imported = cli(['import', 'ss12000', filesDir], dataDir);
    expect(imported.status).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ status: 'applied' });

    const measures = cli(['measures', '--from', '2026-10-19', '--to', '2026-10-19', '--json'], dataDir);
    expect(measures.status).toBe(0);
    const rows = JSON.parse(measures.stdout) as { personId: string }[];
    expect(rows.find((r) => r.personId === IDS.pupil1)).toEqual({
      personId: IDS.pupil1,
      from: '2026-10-19',
      to: '2026-10-19',
      scheduled: 50,
      known: 50,
      valid: 0,
      invalid: 0,
      other: 0,
      attended: 50,
      absentDays: 0,
      absenceOccasions: 0,
      lateCount: 0,
      lateMinutes: 0,
    });
    expect(rows.find((r) => r.personId === IDS.pupil2)).toMatchObject({
      scheduled: 40,
      known: 40,
      invalid: 40,
      absentDays: 1,
      absenceOccasions: 1,
    });

    const ladder = cli(
      ['ladder', 'evaluate', '--preset', 'kyrkbacksskolan', '--date', '2026-10-20', '--json'],
      dataDir,
    );
    expect(ladder.status).toBe(0);
    const steps = JSON.parse(ladder.stdout) as { personId: string; stepIndex: number; explanation: string }[];
    // Any invalid absence puts the pupil on Kyrkbacksskolan's step 1.
    expect(steps.find((s) => s.personId === IDS.pupil2)).toMatchObject({
      stepIndex: 1,
      stepKey: expect.any(String),
      since: '2026-10-19',
    });
    expect(steps.find((s) => s.personId === IDS.pupil1)).toMatchObject({ stepIndex: 0 });

    const usage = cli(['ladder', 'evaluate', '--preset', 'nowhere', '--date', '2026-10-20'], dataDir);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--preset/);
  });
});
