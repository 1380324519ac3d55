import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('config', () => {
  it('has working defaults', () => {
    expect(loadConfig({})).toMatchObject({ port: 3000, isDemoEnabled: true, isCookieSecure: true });
  });
  it('lists every problem at once', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', NARVARO_DEMO: 'maybe', NARVARO_TODAY: '23/11' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toHaveLength(4);
    }
  });
  it('validates TRUST_PROXY, SESSION_IDLE_MINUTES and HSTS', () => {
    expect(loadConfig({})).toMatchObject({ trustProxy: false, sessionIdleMinutes: 60, isHstsEnabled: false });
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toBe('10.0.0.0/8,127.0.0.1');
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://narvaro.example.se' }).isHstsEnabled).toBe(true);
    // Trusting every sender would let a client pick its own IP (and login throttle bucket).
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.local' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '0' })).toThrow(/SESSION_IDLE_MINUTES/);
  });
  it('takes WEB_PROCESSES as a count or auto, and several only on PostgreSQL', () => {
    const postgres = { DATABASE_URL: 'postgres://x@127.0.0.1/narvaro' };
    expect(loadConfig({}).webProcesses).toBe(1);
    expect(loadConfig({ ...postgres, WEB_PROCESSES: '3' }).webProcesses).toBe(3);
    expect(loadConfig({ ...postgres, WEB_PROCESSES: 'auto' }).webProcesses).toBe(
      Math.min(os.availableParallelism(), 64),
    );
    // PGlite's data folder has one owner: auto means that one, an explicit count above 1 is refused.
    expect(loadConfig({ WEB_PROCESSES: 'auto' }).webProcesses).toBe(1);
    expect(() => loadConfig({ WEB_PROCESSES: '2' })).toThrow(/WEB_PROCESSES=2 kräver PostgreSQL/);
    expect(() => loadConfig({ ...postgres, WEB_PROCESSES: '0' })).toThrow(/WEB_PROCESSES must be an integer/);
  });
});
