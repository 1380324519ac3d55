/**
 * A client of a school platform's SS12000 v2.1 API: OAuth2 client credentials, a Bearer token on
 * every call (renewed before it expires, and once on a 401), and list endpoints paged with
 * `limit` + `pageToken` until the server gives no `pageToken`. Filters go on the first page only:
 * the standard forbids combining `pageToken` with any other filter.
 */

/** How to reach one source. */
export interface Ss12000Connection {
  /** API base, e.g. `https://sis.example/v2.1`. */
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Secret in the form body (default) or as HTTP Basic. */
  authMethod?: 'body' | 'basic';
}

/** A run that could not fetch: one Swedish sentence for the administrator, and a stable code. */
export class Ss12000SyncError extends Error {
  constructor(
    readonly code: 'SYNC_TOKEN_FAILED' | 'SYNC_UNAUTHORIZED' | 'SYNC_UNREACHABLE' | 'SYNC_HTTP_ERROR',
    message: string,
  ) {
    super(message);
  }
}

/** One page as received; `data` is whatever the server sent (the validator judges it). */
export interface Ss12000Page {
  data: unknown;
  pageToken: string | null;
  malformed?: string;
}

/** A token is renewed this long before the server says it expires. */
const EXPIRY_MARGIN_MS = 30_000;
const REQUEST_TIMEOUT_MS = 60_000;

export class Ss12000Client {
  private token: { value: string; expiresAt: number } | null = null;
  private readonly baseUrl: string;

  constructor(
    private readonly connection: Ss12000Connection,
    private readonly now: () => number = Date.now,
  ) {
    this.baseUrl = connection.baseUrl.replace(/\/+$/, '');
  }

  /**
   * Every page of a list endpoint, in order.
   * @param filters query parameters of the first page (e.g. `meta.modified.after`)
   * @param isData whether a page's `data` has the endpoint's shape (a list, or `/deletedEntities`' object of lists)
   * @throws Ss12000SyncError when the token cannot be had, the server refuses or cannot be reached
   */
  async *pages(
    endpoint: string,
    filters: Record<string, string | string[]>,
    limit: number,
    isData: (data: unknown) => boolean,
  ): AsyncGenerator<Ss12000Page> {
    let pageToken: string | null = null;
    let isFirst = true;
    const seen = new Set<string>();
    while (isFirst || pageToken !== null) {
      const query = new URLSearchParams({ limit: String(limit) });
      if (isFirst) {
        for (const [key, value] of Object.entries(filters)) for (const v of [value].flat()) query.append(key, v);
      } else {
        query.set('pageToken', pageToken as string);
      }
      isFirst = false;
      const page = await this.getJson(`${endpoint}?${query}`);
      if (!isObject(page) || !isData(page.data)) {
        yield { data: null, pageToken: null, malformed: 'Svaret är inte JSON med "data" av rätt slag.' };
        return;
      }
      const next = page.pageToken;
      if (next !== undefined && next !== null && typeof next !== 'string') {
        yield { data: page.data, pageToken: null, malformed: '"pageToken" är varken text eller null.' };
        return;
      }
      pageToken = next ? next : null;
      // A server that hands out the same token again would page forever.
      if (pageToken !== null && seen.has(pageToken)) {
        yield { data: page.data, pageToken: null, malformed: 'Servern gav samma pageToken två gånger.' };
        return;
      }
      if (pageToken !== null) seen.add(pageToken);
      yield { data: page.data, pageToken };
    }
  }

  /** GET with the Bearer token; on a 401 the token is renewed once and the call repeated. */
  private async getJson(pathAndQuery: string): Promise<unknown> {
    const url = `${this.baseUrl}${pathAndQuery}`;
    let response = await this.send(url, {
      headers: { authorization: `Bearer ${await this.accessToken()}`, accept: 'application/json' },
    });
    if (response.status === 401) {
      this.token = null;
      response = await this.send(url, {
        headers: { authorization: `Bearer ${await this.accessToken()}`, accept: 'application/json' },
      });
      if (response.status === 401) {
        throw new Ss12000SyncError(
          'SYNC_UNAUTHORIZED',
          `Skolplattformen nekade åtkomst (HTTP 401) för ${endpointOf(pathAndQuery)}: kontrollera klientens behörigheter. Inget har ändrats.`,
        );
      }
    }
    if (!response.ok) {
      throw new Ss12000SyncError(
        'SYNC_HTTP_ERROR',
        `Skolplattformen svarade HTTP ${response.status} för ${endpointOf(pathAndQuery)}. Inget har ändrats.`,
      );
    }
    const text = await response.text();
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // Reported as a malformed page by the caller: the run is rejected with a report, like a broken file.
      return text;
    }
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > this.now()) return this.token.value;
    const { clientId, clientSecret, authMethod = 'body' } = this.connection;
    const body = new URLSearchParams({ grant_type: 'client_credentials' });
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    if (authMethod === 'basic') {
      // RFC 6749 2.3.1: both parts form-encoded before Basic encoding.
      headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`;
    } else {
      body.set('client_id', clientId);
      body.set('client_secret', clientSecret);
    }
    const response = await this.send(this.connection.tokenUrl, { method: 'POST', headers, body: body.toString() });
    const payload = (await response.json().catch(() => null)) as {
      access_token?: unknown;
      expires_in?: unknown;
    } | null;
    if (!response.ok || typeof payload?.access_token !== 'string') {
      const why = response.status === 400 || response.status === 401 ? 'fel klient-id eller hemlighet' : 'oväntat svar';
      throw new Ss12000SyncError(
        'SYNC_TOKEN_FAILED',
        `Kunde inte hämta en åtkomsttoken från ${hostOf(this.connection.tokenUrl)} (${why}, HTTP ${response.status}). Inget har ändrats.`,
      );
    }
    const seconds = typeof payload.expires_in === 'number' && payload.expires_in > 0 ? payload.expires_in : 3600;
    this.token = {
      value: payload.access_token,
      expiresAt: this.now() + Math.max(0, seconds * 1000 - EXPIRY_MARGIN_MS),
    };
    return this.token.value;
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS), redirect: 'error' });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      throw new Ss12000SyncError(
        'SYNC_UNREACHABLE',
        `Kunde inte nå ${hostOf(url)} (${cause}). Kontrollera adressen och nätverket. Inget har ändrats.`,
      );
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Host and port only: a URL's query could carry a token. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'servern';
  }
}

function endpointOf(pathAndQuery: string): string {
  return pathAndQuery.split('?')[0];
}
