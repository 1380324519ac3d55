/**
 * The OpenID Connect relying party (openid-client): discovery from the issuer, authorization code
 * flow with PKCE, `state` and `nonce`; the ID token's signature, issuer, audience, expiry and nonce
 * are verified by the library. One instance per configured provider (staff, guardian).
 */
import * as client from 'openid-client';
import { isLoopback, type OidcConfig, type OidcProviderConfig } from '../../../config.js';

export const OIDC_KINDS = ['staff', 'guardian'] as const;
export type OidcKind = (typeof OIDC_KINDS)[number];

/** What a sign-in in progress keeps server-side between the redirect and the callback. */
export interface OidcChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export class OidcClient {
  private configuration?: Promise<client.Configuration>;

  constructor(
    readonly kind: OidcKind,
    private readonly provider: OidcProviderConfig,
    private readonly publicBaseUrl: string,
  ) {}

  get redirectUri(): string {
    return `${this.publicBaseUrl}/api/auth/oidc/${this.kind}/callback`;
  }

  get claimName(): string {
    return this.provider.claim;
  }

  /** The key of the refusals' subject hash: a secret of the installation, so the hash cannot be recomputed from a guess. */
  get subjectHashKey(): string {
    return this.provider.clientSecret;
  }

  /** Discovery once per process; a failure is retried on the next sign-in. */
  private discover(): Promise<client.Configuration> {
    this.configuration ??= (async () => {
      const issuer = new URL(this.provider.issuer);
      // http is accepted only on the loopback interface (config.ts), for development and tests.
      const execute = issuer.protocol === 'http:' && isLoopback(issuer.hostname) ? [client.allowInsecureRequests] : [];
      const configuration = await client.discovery(
        issuer,
        this.provider.clientId,
        { redirect_uris: [this.redirectUri] },
        client.ClientSecretPost(this.provider.clientSecret),
        { execute },
      );
      // The library trusts TLS for an ID token from the token endpoint; verify its signature against the issuer's keys too.
      client.enableNonRepudiationChecks(configuration);
      return configuration;
    })().catch((error: unknown) => {
      this.configuration = undefined;
      throw error;
    });
    return this.configuration;
  }

  /** @returns the provider's authorization URL and the checks to keep for the callback. */
  async start(): Promise<{ url: string; checks: OidcChecks }> {
    const configuration = await this.discover();
    const checks = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
    };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: 'openid profile email',
      response_type: 'code',
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, checks };
  }

  /**
   * Exchanges the code and verifies the ID token. Claims missing from the ID token are taken from
   * the UserInfo endpoint (brokers differ in where they put the personal number), for the same `sub`.
   * @throws on any failed check (state, nonce, signature, expiry, audience, PKCE)
   */
  async finish(callbackUrl: URL, checks: OidcChecks): Promise<{ claims: Record<string, unknown>; subject: string }> {
    const configuration = await this.discover();
    const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      pkceCodeVerifier: checks.codeVerifier,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken) throw new Error('no ID token');
    let claims: Record<string, unknown> = { ...idToken };
    if (claims[this.provider.claim] === undefined && configuration.serverMetadata().userinfo_endpoint) {
      claims = { ...(await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub)), ...claims };
    }
    return { claims, subject: idToken.sub };
  }

  /** RP-initiated logout URL, or null when the provider has no end_session_endpoint. */
  async endSessionUrl(postLogoutRedirectUri: string): Promise<string | null> {
    const configuration = await this.discover();
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(configuration, {
      client_id: this.provider.clientId,
      post_logout_redirect_uri: postLogoutRedirectUri,
    }).href;
  }
}

export type OidcClients = Partial<Record<OidcKind, OidcClient>>;

/** The configured providers by kind (none when OIDC is not configured). */
export function oidcClientsFor(config: OidcConfig): OidcClients {
  const clients: OidcClients = {};
  for (const kind of OIDC_KINDS) {
    const provider = config[kind];
    if (provider && config.publicBaseUrl) clients[kind] = new OidcClient(kind, provider, config.publicBaseUrl);
  }
  return clients;
}
