/**
 * Browser tests against the real app: `scripts/e2e-server.mjs` starts Närvaro on port 3311 with
 * a fresh data folder, demo data and today fixed to Monday 2026-11-23. Debian's Chromium only.
 * Build the web app first (`npm run build:web`); the server serves dist/web.
 */
import { defineConfig } from '@playwright/test';

const BASE_URL = `http://127.0.0.1:${process.env.E2E_PORT ?? '3311'}`;

const chromium = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  },
};

export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  retries: 0,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  outputDir: 'test-results/artifacts',
  use: {
    baseURL: BASE_URL,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'desktop',
      // Guardians use the portal on their phones: their spec runs on the phone viewport only.
      testIgnore: /guardian\.spec\.ts$/,
      use: { ...chromium, viewport: { width: 1280, height: 800 } },
    },
    {
      // Teachers register lessons on a phone, mentors follow up there too, guardians use the portal
      // there; and sign in there (sso).
      name: 'phone',
      testMatch: /((teacher|mentor)-.*|guardian|sso)\.spec\.ts$/,
      use: { ...chromium, viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
    },
  ],
  // E2E_SERVER_RUNNING=1 skips the start (demo load takes ~2 min) when iterating against a server
  // you started yourself on port 3311 with NARVARO_TODAY=2026-11-23 and fresh demo data.
  webServer: process.env.E2E_SERVER_RUNNING
    ? undefined
    : {
        command: 'node scripts/e2e-server.mjs',
        url: `${BASE_URL}/healthz`,
        timeout: 300_000,
        reuseExistingServer: false,
        stdout: 'pipe',
        stderr: 'pipe',
      },
});
