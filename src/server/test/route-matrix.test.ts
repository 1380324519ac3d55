// Issue 15: the role × route matrix and the cross-tenant suite.
// 1. Every route the app registers must have a row in route-matrix.ts (the failure names it).
// 2. Each role, in its own organiser, sends each row's request with its own ids: exact statuses.
// 3. Cross-tenant: every route with an id parameter, as each role that reaches the record in its
//    own organiser, with another organiser's ids: 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildTestApp, logInAs, type TestApp } from './support.js';
import { buildMatrixWorld, type MatrixIds, type MatrixWorld } from './matrix-world.js';
import { MATRIX_ROLES, ROUTE_MATRIX, type MatrixRole } from './route-matrix.js';
import { createRegion } from '../modules/statistics/commands/create-region.js';

/** "METHOD /path" of every registered route, from Fastify's route tree (HEAD is Fastify's own twin of GET). */
function registeredRoutes(tree: string): string[] {
  const routes: string[] = [];
  const stack: { depth: number; path: string }[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)(?:├── |└── )(\S+)(?: \(([^)]*)\))?/.exec(line.replace(/\u00a0/g, ' '));
    if (!match) continue;
    const depth = match[1].length / 4;
    while (stack.length > depth) stack.pop();
    const path = (stack.at(-1)?.path ?? '') + match[2];
    stack.push({ depth, path });
    for (const method of (match[3] ?? '')
      .split(',')
      .map((m) => m.trim())
      .filter((m) => m && m !== 'HEAD' && m !== 'OPTIONS'))
      routes.push(`${method} ${path}`);
  }
  return routes;
}

type Client = (options: InjectOptions) => Promise<LightMyRequestResponse>;

describe('role × route matrix and cross-tenant access', () => {
  let t: TestApp;
  const worlds = new Map<MatrixRole, MatrixWorld>();
  let other: MatrixWorld;

  const clientFor = async (role: MatrixRole, w: MatrixWorld): Promise<Client> => {
    if (role === 'anonymous') return (options) => t.app.inject(options);
    const username =
      role === 'guardian'
        ? w.guardianUsername
        : role === 'region'
          ? `region-${w.ids.organiserId.slice(0, 8)}`
          : w.world.usernames[role];
    return (await logInAs(t.app, username)).request;
  };
  const send = (client: Client, key: string, ids: MatrixIds) => {
    const [method, path] = key.split(' ');
    const { url, payload } = ROUTE_MATRIX[key].request(ids);
    if (!url.startsWith(path.split('/:')[0])) throw new Error(`${key}: request url ${url} is not this route`);
    return client({
      method: method as InjectOptions['method'],
      url,
      ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
    });
  };

  beforeAll(async () => {
    t = await buildTestApp();
    for (const role of MATRIX_ROLES) {
      const w = await buildMatrixWorld(t.database, t.app);
      if (role === 'region') {
        await createRegion(t.database.db, {
          name: 'Testregionen',
          organiserIds: [w.ids.organiserId],
          user: { username: `region-${w.ids.organiserId.slice(0, 8)}`, password: 'secret', displayName: 'Region' },
        });
      }
      worlds.set(role, w);
    }
    other = await buildMatrixWorld(t.database, t.app);
  });
  afterAll(() => t.close());

  it('has an explicit row for every registered route', () => {
    const missing = registeredRoutes(t.app.printRoutes({ commonPrefix: false })).filter(
      (key) => !(key in ROUTE_MATRIX),
    );
    const stale = Object.keys(ROUTE_MATRIX).filter(
      (key) => !registeredRoutes(t.app.printRoutes({ commonPrefix: false })).includes(key),
    );
    expect({
      missing: missing.map(
        (key) =>
          `no row for ${key}: add  '${key}': row(get(() => '<url>'), [teacher, mentor, rektor, elevhälsa, huvudman, systemAdmin, guardian, region, anonymous]),  to src/server/test/route-matrix.ts`,
      ),
      stale,
    }).toEqual({ missing: [], stale: [] });
  });

  it('answers every role on every route with the exact status of its row', async () => {
    const wrong: string[] = [];
    const observed = new Map<string, number[]>();
    for (const role of MATRIX_ROLES) {
      const w = worlds.get(role)!;
      const client = await clientFor(role, w);
      for (const key of Object.keys(ROUTE_MATRIX)) {
        const status = (await send(client, key, w.ids)).statusCode;
        observed.set(key, [...(observed.get(key) ?? []), status]);
        if (status !== ROUTE_MATRIX[key].statuses[role])
          wrong.push(`${key} as ${role}: expected ${ROUTE_MATRIX[key].statuses[role]}, got ${status}`);
      }
    }
    if (process.env.MATRIX_RECORD) for (const [key, s] of observed) console.log(`${key}\t${s.join(', ')}`);
    expect(wrong).toEqual([]);
  }, 600_000);

  it("answers 404 to every route with an id when the ids are another organiser's", async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const role of MATRIX_ROLES.filter((r) => r !== 'anonymous' && r !== 'region')) {
      const client = await clientFor(role, worlds.get(role)!);
      for (const [key, rowOf] of Object.entries(ROUTE_MATRIX)) {
        // Only roles that reach the record in their own organiser: a refusal by role proves nothing here.
        if ([401, 403, 404].includes(rowOf.statuses[role])) continue;
        // Routes whose parameters name no record of the organiser (e.g. a template key) are not tenant-scoped by id.
        if (rowOf.request(worlds.get(role)!.ids).url === rowOf.request(other.ids).url) continue;
        const status = (await send(client, key, other.ids)).statusCode;
        checked++;
        if (status !== 404) wrong.push(`${key} as ${role} with another organiser's ids: expected 404, got ${status}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(40);
  }, 600_000);
});
