/**
 * The test OpenID provider for the browser tests (started by scripts/e2e-server.mjs before the
 * app): one provider serving the staff and guardian clients, with a sign-in page that has a button
 * per account — the demo's teacher (e-mail from SS12000), the demo's guardian (personal number
 * from SS12000) and a person the data set does not know. Prints one JSON line
 * `{"issuer", "clientSecret"}` on stdout when it listens.
 * Run: node --import tsx scripts/e2e-oidc-provider.ts (env E2E_BASE_URL, NARVARO_TODAY).
 */
import { generateDemo } from '../src/server/demo/generate-demo.js';
import type { Ss12000Person } from '../src/server/demo/ss12000-types.js';
import { startTestOidcProvider, type TestAccount } from '../src/server/test/oidc-test-provider.js';

const baseUrl = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3311';
// The same deterministic data set the app loads for this "today" (NARVARO_DEMO).
const demo = generateDemo({ today: process.env.NARVARO_TODAY ?? '2026-11-23' });
const personOf = (username: string) => {
  const account = demo.accounts.find((a) => a.username === username)!;
  const person = (demo.files.persons as Ss12000Person[]).find((p) => p.id === account.personId)!;
  return { account, person };
};
const teacher = personOf('larare');
const guardian = personOf('vardnadshavare');
const chooser: TestAccount[] = [
  { sub: 'larare', name: teacher.account.displayName, email: teacher.person.emails![0].value },
  {
    sub: 'vardnadshavare',
    name: guardian.account.displayName,
    personal_identity_number: guardian.person.civicNo.value,
  },
  // Skatteverket's well-known test number: nobody in the data set.
  { sub: 'okand', name: 'Okänd person', email: 'okand.person@example.org', personal_identity_number: '191212121212' },
];

const provider = await startTestOidcProvider({ baseUrls: [baseUrl], chooser });
process.stdout.write(`${JSON.stringify({ issuer: provider.issuer, clientSecret: provider.clientSecret })}\n`);
const stop = () => void provider.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
