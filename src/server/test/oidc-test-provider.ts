/**
 * A real OpenID provider (oidc-provider) on 127.0.0.1 for tests and the e2e server: two clients
 * (staff, guardian), accounts with the claims a broker or school IdP sends, a minimal interaction
 * that signs in whichever account the test chose (or, with `chooser`, a page with one button per
 * account, for browser tests), and — for the refusal tests — a hook that replaces the ID token in
 * the token response (foreign key, other nonce, expired).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import Provider from 'oidc-provider';

export interface TestAccount {
  sub: string;
  email?: string;
  personal_identity_number?: string;
  name?: string;
}

export type IdTokenTamper = 'foreign-key' | 'nonce' | 'expired';

export interface TestOidcProvider {
  issuer: string;
  clientSecret: string;
  /** The account the next interaction signs in. */
  signInAs(account: TestAccount): void;
  /** Replace the next ID tokens issued (until set to null). */
  tamper(mode: IdTokenTamper | null): void;
  close(): Promise<void>;
}

const newSigningKey = () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return privateKey;
};

/** An RS256 JWT signed with `key`, carrying `kid`. */
function signJwt(payload: Record<string, unknown>, key: KeyObject, kid: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part({ alg: 'RS256', typ: 'JWT', kid })}.${part(payload)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

/**
 * Starts the provider. `baseUrls` are the Närvaro servers it redirects back to (redirect URIs
 * `${base}/api/auth/oidc/<kind>/callback`, post-logout `${base}/login`).
 */
export async function startTestOidcProvider(options: {
  baseUrls: string[];
  port?: number;
  chooser?: TestAccount[];
}): Promise<TestOidcProvider> {
  const key = newSigningKey();
  const kid = randomUUID();
  const jwk = { ...key.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  const clientSecret = createHash('sha256').update(kid).digest('hex');
  let account: TestAccount = { sub: 'nobody' };
  let tamperMode: IdTokenTamper | null = null;
  const accounts = new Map<string, TestAccount>();

  let provider: InstanceType<typeof Provider> | undefined;
  const server = http.createServer((req, res) => {
    if (!provider) return void res.writeHead(503).end();
    if (req.url?.startsWith('/interaction/'))
      return void interact(req, res).catch((error: Error) => res.writeHead(500).end(error.message));
    return provider.callback()(req, res);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const client = (kind: 'staff' | 'guardian') => ({
    client_id: `narvaro-${kind}`,
    client_secret: clientSecret,
    token_endpoint_auth_method: 'client_secret_post',
    redirect_uris: options.baseUrls.map((base) => `${base}/api/auth/oidc/${kind}/callback`),
    post_logout_redirect_uris: options.baseUrls.map((base) => `${base}/login`),
    grant_types: ['authorization_code'],
    response_types: ['code'],
  });
  provider = new Provider(issuer, {
    clients: [client('staff'), client('guardian')],
    jwks: { keys: [jwk] },
    ttl: { IdToken: 3600 },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'personal_identity_number'] },
    // Claims of the granted scopes in the ID token too, as the brokers used with Närvaro do.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx: unknown, sub: string) => {
      const found = accounts.get(sub);
      if (!found) return undefined;
      return { accountId: sub, claims: async () => ({ ...found, ...(found.email ? { email_verified: true } : {}) }) };
    },
    // First-party clients: no consent screen.
    loadExistingGrant: async (ctx: {
      oidc: {
        client: { clientId: string };
        session: { accountId: string };
        provider: { Grant: new (o: object) => { addOIDCScope(s: string): void; save(): Promise<string> } };
      };
    }) => {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid profile email');
      await grant.save();
      return grant;
    },
  });
  provider.use(async (ctx: { path: string; body?: { id_token?: string } }, next: () => Promise<void>) => {
    await next();
    if (ctx.path === '/token' && tamperMode && ctx.body?.id_token)
      ctx.body.id_token = tamperIdToken(ctx.body.id_token, tamperMode, key, kid);
  });

  /** Signs in the chosen account: without a form, or the one whose button was pressed on the chooser page. */
  async function interact(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const details = await provider!.interactionDetails(req, res);
    if (details.prompt.name !== 'login') throw new Error(`unexpected prompt ${details.prompt.name}`);
    let chosen = account;
    if (options.chooser) {
      if (req.method !== 'POST')
        return void res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(chooserPage(options.chooser));
      const sub = new URLSearchParams(await readBody(req)).get('sub');
      const found = options.chooser.find((a) => a.sub === sub);
      if (!found) return void res.writeHead(400).end('unknown account');
      chosen = found;
    }
    accounts.set(chosen.sub, chosen);
    await provider!.interactionFinished(
      req,
      res,
      { login: { accountId: chosen.sub } },
      { mergeWithLastSubmission: false },
    );
  }

  return {
    issuer,
    clientSecret,
    signInAs: (next) => {
      account = next;
    },
    tamper: (mode) => {
      tamperMode = mode;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The sign-in page of the chooser: one button per account, posting back to the same interaction URL. */
function chooserPage(accounts: TestAccount[]): string {
  const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const buttons = accounts
    .map((a) => `<button type="submit" name="sub" value="${escapeHtml(a.sub)}">${escapeHtml(a.name ?? a.sub)}</button>`)
    .join('\n');
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Testinloggning</title></head><body><main><h1>Testinloggning</h1><form method="post">${buttons}</form></main></body></html>`;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req
      .setEncoding('utf8')
      .on('data', (chunk: string) => {
        body += chunk;
      })
      .on('end', () => resolve(body))
      .on('error', reject);
  });
}

/** The ID token with one thing wrong, everything else as issued. */
function tamperIdToken(idToken: string, mode: IdTokenTamper, key: KeyObject, kid: string): string {
  const payload = JSON.parse(Buffer.from(idToken.split('.')[1], 'base64url').toString()) as Record<
    string,
    number | string
  >;
  const now = Math.floor(Date.now() / 1000);
  if (mode === 'foreign-key') return signJwt(payload, newSigningKey(), kid);
  if (mode === 'nonce') return signJwt({ ...payload, nonce: 'not-the-one-sent' }, key, kid);
  return signJwt({ ...payload, iat: now - 7200, exp: now - 3600 }, key, kid);
}
