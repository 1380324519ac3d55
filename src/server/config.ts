/**
 * Validated configuration. The only place that reads process.env: every problem is listed at
 * once and the process exits, so a misconfigured server never half-starts.
 */
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
  /** Login attempts per username+IP per 15 minutes. */
  loginAttemptsPerWindow: number;
  webDistDir: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n- ${problems.join('\n- ')}`);
  }
}

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
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL must start with postgres://');
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
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
