/**
 * The web client and the server agree (docs/decisions/005): every endpoint in the client's list
 * (src/shared/schemas/endpoints.ts) is in the OpenAPI document with the same method and path, and
 * its declared body and answer are the shape the route declares. Both sides go through the same
 * OpenAPI conversion (@fastify/swagger), so the comparison sees what a generated client would.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import swagger from '@fastify/swagger';
import { endpoints, type Endpoint } from '../shared/schemas/endpoints.js';
import { buildTestApp, type TestApp } from './test/support.js';

interface Operation {
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}
type Document = { paths: Record<string, Record<string, Operation>> };

/** `/api/cases/:id` → `/api/cases/{id}`, as OpenAPI writes it. */
const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');
const successOf = (operation: Operation) => Object.keys(operation.responses).find((status) => status.startsWith('2'));
const jsonOf = (part: { content?: Record<string, { schema: unknown }> } | undefined) =>
  part?.content?.['application/json']?.schema;

/** The client's schemas as an OpenAPI document: one stub route per endpoint, converted like the app's. */
async function clientDocument(server: Document): Promise<Document> {
  const stub = Fastify();
  await stub.register(swagger, { openapi: { openapi: '3.0.3' } });
  for (const endpoint of Object.values(endpoints) as Endpoint[]) {
    const operation = server.paths[openApiPath(endpoint.path)]?.[endpoint.method.toLowerCase()];
    const status = operation ? successOf(operation) : undefined;
    stub.route({
      method: endpoint.method,
      url: endpoint.path,
      schema: {
        ...(endpoint.body ? { body: endpoint.body } : {}),
        ...(endpoint.response && status ? { response: { [status]: endpoint.response } } : {}),
      },
      handler: async () => null,
    });
  }
  await stub.ready();
  const document = stub.swagger() as unknown as Document;
  await stub.close();
  return document;
}

describe('the web client and the OpenAPI document agree', () => {
  let t: TestApp;
  let server: Document;
  let client: Document;

  beforeAll(async () => {
    t = await buildTestApp();
    server = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as Document;
    client = await clientDocument(server);
  });
  afterAll(() => t.close());

  const cases = Object.entries(endpoints as Record<string, Endpoint>).map(([name, endpoint]) => ({
    name,
    ...endpoint,
  }));

  it.each(cases)('$name: $method $path', ({ method, path, body, response, isFile }) => {
    const operation = server.paths[openApiPath(path)]?.[method.toLowerCase()];
    expect(operation, 'the route exists').toBeDefined();
    if (!operation) return;
    const status = successOf(operation);
    const mirrored = client.paths[openApiPath(path)][method.toLowerCase()];
    if (isFile) expect(status, 'a download has no JSON answer').toBeUndefined();
    else if (response) {
      expect(jsonOf(operation.responses[status ?? '']), 'the route answers with JSON').toBeDefined();
      expect(jsonOf(mirrored.responses[status!]), 'the answer').toEqual(jsonOf(operation.responses[status!]));
    } else {
      expect(status, 'the route answers without a body').toBe('204');
    }
    if (body) expect(jsonOf(mirrored.requestBody), 'the body').toEqual(jsonOf(operation.requestBody));
  });

  it('lists each method and path once', () => {
    const keys = cases.map(({ method, path }) => `${method} ${path}`);
    expect(keys.length).toBe(new Set(keys).size);
  });
});

describe('the web app calls the API only through the endpoint list', () => {
  it('has no API path written out in src/web', () => {
    const web = fileURLToPath(new URL('../web', import.meta.url));
    const files = (fs.readdirSync(web, { recursive: true }) as string[]).filter(
      (file) => /\.tsx?$/.test(file) && !file.endsWith('.test.ts') && !file.endsWith('.test.tsx'),
    );
    // The client itself may name a prefix (401s from /api/auth/ are not a lost session).
    const written = files
      .filter((file) => file !== path.join('api', 'client.ts'))
      .filter((file) => /['`]\/api\/[a-z]/.test(fs.readFileSync(path.join(web, file), 'utf8')));
    expect(written).toEqual([]);
  });
});
