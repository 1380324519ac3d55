/**
 * A small SS12000 v2.1 server for sync tests, on 127.0.0.1 and a random port: an OAuth2 token
 * endpoint (client credentials, secret in the body or HTTP Basic), list endpoints paged with
 * `limit` + `pageToken` (pages shorter than `limit`, 400 for a `pageToken` with filters, the
 * `meta.modified.after` filter, exclusive), and `/deletedEntities`. Faults can be switched on.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
}

export interface Ss12000Stub {
  baseUrl: string;
  tokenUrl: string;
  /** Records per endpoint, each with `meta.modified`; edit freely between runs. */
  records: Record<string, Record<string, unknown>[]>;
  /** Deletions: `{ kind: 'attendances', id, at }`. */
  deleted: { kind: string; id: string; at: string }[];
  requests: StubRequest[];
  tokensIssued: number;
  /** Faults: at most this many records a page; a token accepted for this many API calls; a broken page; a 401 for everything. */
  options: {
    pageSize: number;
    callsPerToken: number;
    malformedPage?: { endpoint: string; page: number; body: string };
    refuseAll?: boolean;
  };
  close: () => Promise<void>;
}

export const STUB_CLIENT = { clientId: 'narvaro-test', clientSecret: 'rätt hemlighet' };

export async function startSs12000Stub(records: Record<string, Record<string, unknown>[]>): Promise<Ss12000Stub> {
  const tokens = new Map<string, number>();
  const stub = {
    records,
    deleted: [],
    requests: [],
    tokensIssued: 0,
    options: { pageSize: 2, callsPerToken: Infinity },
  } as unknown as Ss12000Stub;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stub');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      stub.requests.push({
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        authorization: req.headers.authorization,
      });
      if (url.pathname === '/oauth/token') {
        const form = new URLSearchParams(body);
        let id = form.get('client_id');
        let secret = form.get('client_secret');
        const basic = req.headers.authorization?.match(/^Basic (.+)$/);
        if (basic) [id, secret] = Buffer.from(basic[1], 'base64').toString().split(':').map(decodeURIComponent);
        if (
          form.get('grant_type') !== 'client_credentials' ||
          id !== STUB_CLIENT.clientId ||
          secret !== STUB_CLIENT.clientSecret
        ) {
          return send(401, { error: 'invalid_client' });
        }
        const token = `t${++stub.tokensIssued}`;
        tokens.set(token, 0);
        return send(200, { access_token: token, token_type: 'Bearer', expires_in: 3600 });
      }
      const token = req.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
      const used = token ? tokens.get(token) : undefined;
      if (stub.options.refuseAll || used === undefined || used >= stub.options.callsPerToken)
        return send(401, { code: 'UNAUTHORIZED', message: 'Ogiltig token' });
      tokens.set(token!, used + 1);
      const endpoint = url.pathname.replace(/^\/v2\.1\//, '');
      const params = url.searchParams;
      const pageToken = params.get('pageToken');
      if (pageToken !== null && [...params.keys()].some((k) => k !== 'pageToken' && k !== 'limit')) {
        return send(400, { code: 'INVALID_FILTER', message: 'pageToken kan inte kombineras med filter' });
      }
      // The page token carries the filter and the offset, as real servers keep the query behind it.
      const state = pageToken
        ? (JSON.parse(Buffer.from(pageToken, 'base64url').toString()) as {
            after: string | null;
            entities: string[];
            offset: number;
          })
        : {
            after: params.get(endpoint === 'deletedEntities' ? 'after' : 'meta.modified.after'),
            entities: params.getAll('entities'),
            offset: 0,
          };
      const limit = Math.min(Number(params.get('limit') ?? 1000), stub.options.pageSize);
      const pageNumber = Math.floor(state.offset / stub.options.pageSize) + 1;
      const fault = stub.options.malformedPage;
      if (fault && fault.endpoint === endpoint && fault.page === pageNumber) return send(200, fault.body);
      const isAfter = (at: string) => state.after === null || Date.parse(at) > Date.parse(state.after);
      let items: unknown[];
      if (endpoint === 'deletedEntities') {
        items = stub.deleted.filter((d) => isAfter(d.at));
      } else if (stub.records[endpoint]) {
        items = stub.records[endpoint].filter((r) => isAfter((r.meta as { modified: string }).modified));
      } else {
        return send(404, { code: 'NOT_FOUND', message: endpoint });
      }
      const slice = items.slice(state.offset, state.offset + limit);
      const next =
        state.offset + limit < items.length
          ? Buffer.from(JSON.stringify({ ...state, offset: state.offset + limit })).toString('base64url')
          : null;
      if (endpoint === 'deletedEntities') {
        const data: Record<string, string[]> = {};
        for (const d of slice as Ss12000Stub['deleted']) (data[d.kind] ??= []).push(d.id);
        return send(200, { data, pageToken: next });
      }
      return send(200, { data: slice, pageToken: next });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  stub.baseUrl = `http://127.0.0.1:${port}/v2.1`;
  stub.tokenUrl = `http://127.0.0.1:${port}/oauth/token`;
  stub.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return stub;
}
