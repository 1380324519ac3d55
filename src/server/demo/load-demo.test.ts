// `npm start` on an empty database: the demo goes through the real importer, once, and its
// accounts and planted patterns work through the HTTP API; a first load cut short is finished by the next start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { clockFor } from '../clock.js';
import { openTestDatabase, testConfig, logInAs } from '../test/support.js';
import type { Database } from '../db/client.js';
import type { FastifyInstance } from 'fastify';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateDemo, writeDemoFiles } from './generate-demo.js';
import { importSs12000 } from '../modules/imports/commands/import-ss12000.js';
import { readSs12000Dir } from '../modules/imports/read-ss12000-dir.js';
import { loadDemoIfEmpty, DEMO_PASSWORD } from './load-demo.js';

const TODAY = '2026-11-23';

describe('demo loader', () => {
  let database: Database;
  let close: () => Promise<void>;
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ database, close } = await openTestDatabase());
    const config = testConfig({ today: TODAY });
    // A first start stopped right after the import committed (issue 14): the next start finishes the load.
    const data = generateDemo({ today: TODAY });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'narvaro-demo-test-'));
    await writeDemoFiles(data, dir);
    expect((await importSs12000(database, { ...(await readSs12000Dir(dir)), actorUserId: null })).status).toBe(
      'applied',
    );
    const lines: string[] = [];
    expect(await loadDemoIfEmpty(database, clockFor(config), (line) => lines.push(line))).not.toBeNull();
    expect(lines.join('\n')).toMatch(/inte in färdigt/);
    app = await buildApp({ database, config, clock: clockFor(config) });
  }, 600_000);
  afterAll(async () => {
    await app.close();
    await close();
  });

  it("publishes Stockholm's ladder from the start of the demo year so early warning is populated", async () => {
    const huvudman = await logInAs(app, 'huvudman', DEMO_PASSWORD);
    const { versions } = (await huvudman.request({ method: 'GET', url: '/api/ladders' })).json();
    expect(versions).toEqual([
      expect.objectContaining({
        presetId: 'stockholm',
        status: 'published',
        schoolUnitId: null,
        effectiveFrom: '2026-01-08',
      }),
    ]);
    const warning = (await huvudman.request({ method: 'GET', url: '/api/early-warning?scope=organiser' })).json();
    expect(warning.rows.length).toBeGreaterThan(0);
  });

  it('loads only into an empty database', async () => {
    expect(await loadDemoIfEmpty(database, clockFor({ today: TODAY }), () => {})).toBeNull();
  });

  it('gives working accounts and the planted January pupil to the mentor', async () => {
    const { scenarios } = generateDemo({ today: TODAY });
    const january = scenarios.find((s) => s.pattern === 'monthOver40Percent')!;
    const mentor = await logInAs(app, 'mentor', DEMO_PASSWORD);
    const page = await mentor.request({
      method: 'GET',
      url: `/api/pupils/${january.personId}?from=2026-01-01&to=2026-01-31`,
    });
    expect(page.statusCode).toBe(200);
    expect(page.json().total.absentRate).toBeGreaterThan(0.4);
    const larare = await logInAs(app, 'larare', DEMO_PASSWORD);
    const lessons = (await larare.request({ method: 'GET', url: '/api/lessons/mine' })).json().lessons;
    expect(lessons.length).toBeGreaterThan(0);
    expect(lessons.some((l: { groupNames: string[] }) => l.groupNames.includes('7A'))).toBe(true);
    const rektor = await logInAs(app, 'rektor', DEMO_PASSWORD);
    const protectedPupil = scenarios.find((s) => s.pattern === 'protectedIdentityConcerningAbsence')!;
    const protectedPage = (
      await rektor.request({ method: 'GET', url: `/api/pupils/${protectedPupil.personId}` })
    ).json();
    expect(protectedPage).toMatchObject({ isGuardianInfoHidden: true, guardians: [], pupil: { isProtected: true } });
    expect(JSON.stringify(protectedPage)).not.toMatch(/Folkbokföring|streetAddress|postalCode/);
  });
});
