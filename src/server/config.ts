/**
 * Validated configuration. The only place that reads process.env: every problem is listed at
 * once and the process exits, so a misconfigured server never half-starts.
 */
import os from 'node:os';
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** PGlite data directory (ignored when databaseUrl is set). */
  dataDir: string;
  databaseUrl?: string;
  /** Load demo data into an empty database on start. */
  isDemoEnabled: boolean;
  /** Fixed "today" (YYYY-MM-DD) for demos and tests; otherwise the real date in Europe/Stockholm. */
  today?: string;
  sessionTtlHours: number;
  /** Secure flag on the session cookie; browsers accept it on http://localhost too. */
  isCookieSecure: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** Failed logins per username+IP before growing delays start (an IP gets ten times as many across usernames). */
  loginAttemptsPerWindow: number;
  webDistDir: string;
  messages: MessageConfig;
  /** A session ends after this many minutes without a request (besides its absolute TTL). */
  sessionIdleMinutes: number;
  /**
   * Fastify `trustProxy`: false (default: the socket address is the client), a hop count, or a
   * comma-separated list of proxy addresses/CIDRs whose X-Forwarded-For is believed (docs/security.md).
   */
  trustProxy: boolean | number | string;
  /** Send Strict-Transport-Security (only when served over HTTPS; default: PUBLIC_BASE_URL is https). */
  isHstsEnabled: boolean;
  /** SS12000 upload limits: per file and for all files of one import (streamed to disk). */
  importMaxFileBytes: number;
  importMaxTotalBytes: number;
  /** Single sign-on through OpenID Connect (docs/authentication.md); each provider optional. */
  oidc: OidcConfig;
  /**
   * Web processes sharing the port (WEB_PROCESSES, `auto` = one per CPU); above 1 only on PostgreSQL,
   * since PGlite's data folder is owned by one process (docs/configuration.md, "Web processes").
   */
  webProcesses: number;
}

export interface OidcProviderConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The claim matched: staff → e-mail/eppn/external id of the SS12000 person; guardian → the personal number. */
  claim: string;
}

export interface OidcConfig {
  /** Redirect URIs are `${publicBaseUrl}/api/auth/oidc/<kind>/callback`. */
  publicBaseUrl?: string;
  staff?: OidcProviderConfig;
  guardian?: OidcProviderConfig;
}

/** Guardians and messages (README "Guardians and messages"). */
export interface MessageConfig {
  /** smtp(s)://user:pass@host:port; without it e-mail goes to the development channel. */
  smtpUrl?: string;
  smtpFrom: string;
  /** JSON POST endpoint of the SMS provider; without it SMS go to the development channel. */
  smsProviderUrl?: string;
  smsApiKey?: string;
  /** Shared secret the SMS provider sends back in X-Callback-Token on delivery reports. */
  smsCallbackToken?: string;
  /** Public base URL of this server, for the SMS delivery callback address. */
  publicBaseUrl?: string;
  /** File the development channel appends messages to (nothing is printed); redacted unless isDevMessagesFull. */
  devMessagesFile: string;
  /** DEV_MESSAGES_FULL=1: the development channel's file holds whole messages (made-up data only). */
  isDevMessagesFull: boolean;
  /** HH:MM Europe/Stockholm when same-day notices are sent. */
  sameDayNoticeTime: string;
  /** Late minutes in a day that also give a same-day notice (0 = lateness alone never does). */
  sameDayNoticeLateMinutes: number;
  /** Monthly message when a month's absence is above this percentage (0 = off). */
  monthlyNoticeThresholdPercent: number;
  /** Default school days of leave a mentor may grant (the organiser can change it). */
  leaveMentorLimitDays: number;
  /** Default days back a guardian may report absence (0 = today onwards). */
  absenceReportPastDays: number;
  /** Absence reports and leave requests per guardian account per hour. */
  guardianRequestsPerHour: number;
  /** Default address for organiser notices (the organiser can set its own). */
  organiserNoticeEmail?: string;
  maxAttempts: number;
  /** First retry after this many seconds, doubling each attempt. */
  retryBaseSeconds: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n- ${problems.join('\n- ')}`);
  }
}

/** Far above any core count; each process keeps its own pool of up to 10 PostgreSQL connections. */
const MAX_WEB_PROCESSES = 64;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const;

/** Parses the environment into a Config. @throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const flag = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes'].includes(raw)) return true;
    if (['0', 'false', 'no'].includes(raw)) return false;
    problems.push(`${name} must be 1 or 0 (got "${raw}")`);
    return fallback;
  };
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl))
    problems.push('DATABASE_URL must start with postgres://');
  const today = env.NARVARO_TODAY || undefined;
  if (today && !/^\d{4}-\d{2}-\d{2}$/.test(today)) problems.push('NARVARO_TODAY must be a date YYYY-MM-DD');
  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const config: Config = {
    port: int('PORT', 3000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR || './data'),
    databaseUrl,
    isDemoEnabled: flag('NARVARO_DEMO', true),
    today,
    sessionTtlHours: int('SESSION_TTL_HOURS', 10, 1, 24 * 30),
    isCookieSecure: flag('COOKIE_SECURE', true),
    logLevel,
    loginAttemptsPerWindow: int('LOGIN_ATTEMPTS_PER_WINDOW', 10, 1, 1000),
    webDistDir: path.resolve(env.WEB_DIST_DIR || 'dist/web'),
    oidc: {},
    messages: {
      smtpUrl: env.SMTP_URL || undefined,
      smtpFrom: env.SMTP_FROM || 'Närvaro <noreply@narvaro.invalid>',
      smsProviderUrl: env.SMS_PROVIDER_URL || undefined,
      smsApiKey: env.SMS_API_KEY || undefined,
      smsCallbackToken: env.SMS_CALLBACK_TOKEN || undefined,
      publicBaseUrl: env.PUBLIC_BASE_URL || undefined,
      devMessagesFile: path.resolve(env.DEV_MESSAGES_FILE || path.join(env.DATA_DIR || './data', 'messages-dev.log')),
      isDevMessagesFull: flag('DEV_MESSAGES_FULL', false),
      sameDayNoticeTime: env.SAME_DAY_NOTICE_TIME || '15:00',
      sameDayNoticeLateMinutes: int('SAME_DAY_NOTICE_LATE_MINUTES', 20, 0, 600),
      monthlyNoticeThresholdPercent: int('MONTHLY_NOTICE_THRESHOLD_PERCENT', 20, 0, 100),
      leaveMentorLimitDays: int('LEAVE_MENTOR_LIMIT_DAYS', 5, 0, 365),
      absenceReportPastDays: int('ABSENCE_REPORT_PAST_DAYS', 0, 0, 30),
      guardianRequestsPerHour: int('GUARDIAN_REQUESTS_PER_HOUR', 30, 1, 10_000),
      organiserNoticeEmail: env.ORGANISER_NOTICE_EMAIL || undefined,
      maxAttempts: int('MESSAGE_MAX_ATTEMPTS', 6, 1, 50),
      retryBaseSeconds: int('MESSAGE_RETRY_BASE_SECONDS', 60, 1, 86_400),
    },
    sessionIdleMinutes: int('SESSION_IDLE_MINUTES', 60, 1, 24 * 60),
    trustProxy: parseTrustProxy(env.TRUST_PROXY, problems),
    isHstsEnabled: flag('HSTS', (env.PUBLIC_BASE_URL ?? '').startsWith('https://')),
    importMaxFileBytes: int('IMPORT_MAX_FILE_MB', 500, 1, 100_000) * 1024 * 1024,
    importMaxTotalBytes: int('IMPORT_MAX_TOTAL_MB', 2000, 1, 1_000_000) * 1024 * 1024,
    // `auto` is what fits: one per CPU on PostgreSQL, the single owner of the data folder on PGlite.
    webProcesses:
      env.WEB_PROCESSES === 'auto'
        ? databaseUrl
          ? Math.min(os.availableParallelism(), MAX_WEB_PROCESSES)
          : 1
        : int('WEB_PROCESSES', 1, 1, MAX_WEB_PROCESSES),
  };
  if (config.messages.smtpUrl && !/^smtps?:\/\//.test(config.messages.smtpUrl))
    problems.push('SMTP_URL must start with smtp:// or smtps://');
  if (config.messages.smsProviderUrl && !/^https?:\/\//.test(config.messages.smsProviderUrl))
    problems.push('SMS_PROVIDER_URL must start with http:// or https://');
  if (config.messages.smsProviderUrl && !config.messages.smsApiKey)
    problems.push('SMS_API_KEY is required with SMS_PROVIDER_URL');
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(config.messages.sameDayNoticeTime))
    problems.push('SAME_DAY_NOTICE_TIME must be HH:MM');
  if (config.importMaxTotalBytes < config.importMaxFileBytes)
    problems.push('IMPORT_MAX_TOTAL_MB must be at least IMPORT_MAX_FILE_MB');
  if (config.webProcesses > 1 && !config.databaseUrl)
    problems.push(
      `WEB_PROCESSES=${config.webProcesses} kräver PostgreSQL (DATABASE_URL): PGlite-mappen ägs av en enda process. (Several web processes need PostgreSQL; PGlite's data folder belongs to one process.)`,
    );
  config.oidc = oidcConfig(env, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/**
 * TRUST_PROXY: unset/0/false → false; a positive integer → that many hops; otherwise a list of
 * IPv4/IPv6 addresses or CIDRs. `true` (trust any sender) is refused: anyone could then choose
 * their own IP and so their own login throttle bucket.
 */
function parseTrustProxy(raw: string | undefined, problems: string[]): boolean | number | string {
  if (raw === undefined || raw === '' || raw === '0' || raw === 'false') return false;
  if (/^[1-9]\d?$/.test(raw)) return Number(raw);
  const entries = raw.split(',').map((e) => e.trim());
  const isAddress = (e: string) =>
    /^(\d{1,3}\.){3}\d{1,3}(\/\d{1,2})?$/.test(e) ||
    (/^[0-9a-f:]+(\/\d{1,3})?$/i.test(e) && e.includes(':')) ||
    ['loopback', 'linklocal', 'uniquelocal'].includes(e);
  if (entries.every(isAddress)) return entries.join(',');
  problems.push(
    `TRUST_PROXY must be 0, a hop count (1-99) or a comma-separated list of proxy addresses/CIDRs (got "${raw}")`,
  );
  return false;
}
/** OIDC_<STAFF|GUARDIAN>_*: a provider is configured when its issuer is set; then all of it must be. */
function oidcConfig(env: Record<string, string | undefined>, problems: string[]): OidcConfig {
  const publicBaseUrl = env.PUBLIC_BASE_URL?.replace(/\/+$/, '') || undefined;
  const provider = (
    prefix: 'OIDC_STAFF' | 'OIDC_GUARDIAN',
    claimName: string,
    defaultClaim: string,
  ): OidcProviderConfig | undefined => {
    const issuer = env[`${prefix}_ISSUER`];
    if (!issuer) return undefined;
    const clientId = env[`${prefix}_CLIENT_ID`] ?? '';
    const clientSecret = env[`${prefix}_CLIENT_SECRET`] ?? '';
    if (!isHttpUrl(issuer)) problems.push(`${prefix}_ISSUER must be an https:// URL (http:// only on localhost)`);
    if (!clientId) problems.push(`${prefix}_CLIENT_ID is required with ${prefix}_ISSUER`);
    if (!clientSecret) problems.push(`${prefix}_CLIENT_SECRET is required with ${prefix}_ISSUER`);
    if (!publicBaseUrl)
      problems.push(`PUBLIC_BASE_URL is required with ${prefix}_ISSUER (the redirect URI is built from it)`);
    return { issuer, clientId, clientSecret, claim: env[`${prefix}_${claimName}`] || defaultClaim };
  };
  if (publicBaseUrl && !isHttpUrl(publicBaseUrl))
    problems.push('PUBLIC_BASE_URL must be an https:// URL (http:// only on localhost)');
  return {
    publicBaseUrl,
    staff: provider('OIDC_STAFF', 'MATCH_CLAIM', 'email'),
    guardian: provider('OIDC_GUARDIAN', 'PNR_CLAIM', 'personal_identity_number'),
  };
}

/** https, or http on the loopback interface (development and tests). */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
  } catch {
    return false;
  }
}

export const isLoopback = (hostname: string): boolean => ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
