/**
 * Keeps bad input from ever causing a 5xx (issue 15): for every operation in the OpenAPI document,
 * generated bad inputs (wrong types, impossible dates, NUL, huge numbers, 10 000-character strings,
 * deep nesting, broken path parameters) as a signed-in rektor and anonymously. Each answer must be
 * a status the document lists for that operation, and an error in the usual `{ error, message }` shape.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildTestApp, logInAs, type Session, type TestApp } from './test/support.js';
import { createWorld, type World } from './test/factories.js';

interface Operation {
  method: string;
  path: string;
  parameters: { name: string; in: 'path' | 'query' | 'header'; required?: boolean }[];
  requestBody?: { content: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
  responses: Record<string, unknown>;
}

/** A nested value 2 000 levels deep. */
const deep = (() => {
  let value: unknown = 'bottom';
  for (let i = 0; i < 2000; i++) value = { a: value, b: [value === 'bottom' ? 1 : null] };
  return value;
})();

const badScalar = fc.oneof(
  fc.constantFrom(
    '2026-02-30',
    '9999-99-99',
    '0000-00-00',
    'a\u0000b',
    '\u0000',
    'x'.repeat(10_000),
    '-1',
    '1e999',
    '99999999999999999999',
    'true',
    '',
    ' ',
    '../../etc',
    '<script>',
    '%00',
    '🙂',
  ),
  fc.constantFrom(1e308, -1e308, 1e23, -1, 0, 0.5, true, false, null),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double(),
);
const badValue = fc.oneof(
  badScalar,
  fc.constant([]),
  fc.constant({}),
  fc.constant(deep),
  fc.array(badScalar, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), badScalar, { maxKeys: 3 }),
);

describe('fuzzed bad input against every documented operation', () => {
  let t: TestApp;
  let world: World;
  let principal: Session;
  let operations: Operation[];

  beforeAll(async () => {
    t = await buildTestApp();
    world = await createWorld(t.database, ['2026-01-12', '2026-01-13']);
    principal = await logInAs(t.app, world.usernames.principal);
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>;
    };
    operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        parameters: operation.parameters ?? [],
        requestBody: operation.requestBody,
        responses: operation.responses,
      })),
    );
  });
  afterAll(() => t.close());

  /** The SS12000 API answers errors in the standard's own shape, `{code, message}`; ours is `{error, message}`. */
  const errorKeyOf = (op: Operation) => (op.path.startsWith('/ss12000/') ? 'code' : 'error');

  /** Logging out would end the rektor's session for the rest of the run. */
  const isSessionEnding = (op: Operation) => op.path.startsWith('/api/auth/logout');

  const requestFor = (op: Operation) =>
    fc.record({
      pathValues: fc.array(fc.oneof(fc.constant(world.pupilsA[0]), fc.uuid(), badScalar.map(String)), {
        minLength: 4,
        maxLength: 4,
      }),
      query: fc.array(fc.tuple(fc.boolean(), badScalar), {
        minLength: op.parameters.length,
        maxLength: op.parameters.length,
      }),
      body: op.requestBody
        ? fc.oneof(
            badValue,
            fc.record(
              Object.fromEntries(
                Object.keys(Object.values(op.requestBody.content)[0]?.schema?.properties ?? {}).map((key) => [
                  key,
                  badValue,
                ]),
              ),
            ),
          )
        : fc.constant(undefined),
      isAnonymous: fc.boolean(),
    });

  it('never answers 5xx, only documented statuses, always the error shape', async () => {
    expect(operations.length).toBeGreaterThan(60);
    const failures: string[] = [];
    for (const op of operations.filter((o) => !isSessionEnding(o))) {
      await fc
        .assert(
          fc.asyncProperty(requestFor(op), async ({ pathValues, query, body, isAnonymous }) => {
            let i = 0;
            const path = op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(pathValues[i++ % pathValues.length]));
            const search = new URLSearchParams();
            op.parameters
              .filter((p) => p.in === 'query')
              .forEach((p, index) => {
                const [isGiven, value] = query[index];
                if (isGiven) search.append(p.name, String(value));
              });
            const url = `${path}${search.size > 0 ? `?${search}` : ''}`;
            const options = {
              method: op.method as 'POST',
              url,
              ...(body === undefined
                ? {}
                : { payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
            };
            const res = isAnonymous ? await t.app.inject(options) : await principal.request(options);
            const documented = Object.keys(op.responses);
            const problem =
              res.statusCode >= 500 ||
              !documented.includes(String(res.statusCode)) ||
              (res.statusCode >= 400 &&
                !(typeof res.json()[errorKeyOf(op)] === 'string' && typeof res.json().message === 'string'));
            if (problem)
              failures.push(
                `${op.method} ${op.path} → ${res.statusCode} (documented ${documented.join(',')}) ${url.slice(0, 150)} ${res.body.slice(0, 200)}`,
              );
            return !problem;
          }),
          { numRuns: 6, seed: 15, endOnFailure: true },
        )
        .catch(() => undefined);
    }
    expect(failures).toEqual([]);
  });
});
