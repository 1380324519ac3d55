/**
 * Command line: `npm run cli -- <command>`.
 *   import ss12000 <dir>                         import SS12000 JSON files (all-or-nothing)
 *   sync ss12000 --url U --token-url T --client-id C [--full] [--basic-auth]   pull from an SS12000 API; secret from SS12000_CLIENT_SECRET
 *   measures --from YYYY-MM-DD --to YYYY-MM-DD --json   absence figures per pupil
 *   ladder evaluate --preset <id> --date YYYY-MM-DD --json   ladder steps per pupil as of the date
 *   stats --level school|organiser|region --from YYYY-MM-DD --to YYYY-MM-DD --json   aggregated statistics
 *   rollups rebuild                              rebuild the statistics roll-ups from pupil days (after a bulk load or a migration)
 *   region create --name N --organiser ID [--organiser ID ...] [--username U]   a region; its user's password from NARVARO_REGION_PASSWORD
 *   api-token create --organisation ID --scope ss12000:read --name LABEL   an API token (printed alone on the last line)
 *   api-token list --organisation ID · api-token revoke --organisation ID --id TOKEN_ID
 *   export --organisation ID --out FILE.zip [--without-cases]   everything Närvaro holds for the organiser, as CSV files in a zip
 *   user list [--search S] [--role R] [--json] | user disable|enable <username> | user grant|revoke <username> --role R [--school ID] [--until YYYY-MM-DD]
 * Uses DATA_DIR / DATABASE_URL like the server and never loads demo data.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.js';
import { DataDirInUseError } from './data-dir-lock.js';
import { DatabaseUnavailableError } from './db/connect-check.js';
import { AppError } from './errors.js';
import { openRuntimeDatabase } from './runtime.js';
import type { Database } from './db/client.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

class UsageError extends Error {}

const USAGE = `Användning / usage:
  npm run cli -- import ss12000 <dir>
  SS12000_CLIENT_SECRET=… npm run cli -- sync ss12000 --url <bas-url> --token-url <token-url> --client-id <id> [--full] [--basic-auth]
  npm run cli -- measures --from YYYY-MM-DD --to YYYY-MM-DD --json
  npm run cli -- ladder evaluate --preset kyrkbacksskolan|stockholm|orebro|norrkoping --date YYYY-MM-DD --json
  npm run cli -- stats --level school|organiser|region --from YYYY-MM-DD --to YYYY-MM-DD --json
  npm run cli -- rollups rebuild
  NARVARO_REGION_PASSWORD=… npm run cli -- region create --name "Region" --organiser <uuid> [--organiser <uuid> …] [--username <namn>]
  npm run cli -- api-token create --organisation <huvudmannens SS12000-id> --scope ss12000:read --name <etikett>
  npm run cli -- api-token list --organisation <uuid>
  npm run cli -- api-token revoke --organisation <uuid> --id <nyckelns id>
  npm run cli -- export --organisation <uuid> --out <fil.zip> [--without-cases]
  npm run cli -- user list [--search <text>] [--role <roll>] [--json]
  npm run cli -- user disable|enable <username>
  npm run cli -- user grant <username> --role <roll> [--school <uuid>] [--until YYYY-MM-DD]
  npm run cli -- user revoke <username> --role <roll> [--school <uuid>]`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Command = (database: Database, args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  async import(database, args) {
    const [format, dir] = args;
    if (format !== 'ss12000' || !dir) throw new UsageError('import needs: ss12000 <dir>');
    const { readSs12000Dir } = await import('./modules/imports/read-ss12000-dir.js');
    const { importSs12000 } = await import('./modules/imports/commands/import-ss12000.js');
    const files = await readSs12000Dir(dir);
    const report = await importSs12000(database, {
      ...files,
      actorUserId: null,
      onProgress: (p) => process.stderr.write(`\r${p.phase}: ${p.done}/${p.total}   `),
    });
    process.stderr.write('\n');
    console.log(JSON.stringify(report, null, 2));
    return report.status === 'applied' ? 0 : 1;
  },
  async sync(database, args) {
    const [format, ...rest] = args;
    const { values } = parseArgs({
      args: rest,
      options: {
        url: { type: 'string' },
        'token-url': { type: 'string' },
        'client-id': { type: 'string' },
        full: { type: 'boolean' },
        'basic-auth': { type: 'boolean' },
      },
    });
    if (format !== 'ss12000' || !values.url || !values['token-url'] || !values['client-id']) {
      throw new UsageError('sync needs: ss12000 --url <base> --token-url <url> --client-id <id>');
    }
    // The secret never goes on the command line, where process lists and shell history would show it.
    const clientSecret = process.env.SS12000_CLIENT_SECRET;
    if (!clientSecret) throw new UsageError('set SS12000_CLIENT_SECRET to the client secret');
    const { syncSs12000 } = await import('./modules/imports/sync/sync-ss12000.js');
    const report = await syncSs12000(database, {
      connection: {
        baseUrl: values.url,
        tokenUrl: values['token-url'],
        clientId: values['client-id'],
        clientSecret,
        authMethod: values['basic-auth'] ? 'basic' : 'body',
      },
      isFull: values.full ?? false,
      actorUserId: null,
      onFetched: (entity, records) => process.stderr.write(`\rHämtat ${entity}: ${records}          `),
      onImportProgress: (p) => process.stderr.write(`\r${p.phase}: ${p.done}/${p.total}          `),
    });
    process.stderr.write('\n');
    for (const [entity, records] of Object.entries(report.fetched))
      process.stderr.write(`${entity}: ${records} poster hämtade\n`);
    if (report.error) {
      console.error(report.error.message);
      return 1;
    }
    console.log(JSON.stringify(report, null, 2));
    return report.status === 'applied' ? 0 : 1;
  },
  async measures(database, args) {
    const { values } = parseArgs({
      args,
      options: { from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } },
    });
    if (!values.from || !values.to || !DATE.test(values.from) || !DATE.test(values.to))
      throw new UsageError('measures needs --from and --to as YYYY-MM-DD');
    if (values.to < values.from) throw new UsageError('--to is before --from');
    const { unsafeMeasureAllPupils } = await import('./modules/measures/measure-all-pupils.js');
    const rows = await unsafeMeasureAllPupils(database.db, values.from, values.to);
    process.stdout.write(
      values.json
        ? `${JSON.stringify(rows)}\n`
        : rows.map((r) => `${r.personId}\t${r.known}\t${r.valid}\t${r.invalid}`).join('\n') + '\n',
    );
    return 0;
  },
  async ladder(database, args) {
    const [sub, ...rest] = args;
    const { values } = parseArgs({
      args: rest,
      options: { preset: { type: 'string' }, date: { type: 'string' }, json: { type: 'boolean' } },
    });
    const { LADDER_PRESETS, isLadderPresetId } = await import('../shared/ladders/presets/index.js');
    if (
      sub !== 'evaluate' ||
      !values.preset ||
      !isLadderPresetId(values.preset) ||
      !values.date ||
      !DATE.test(values.date)
    ) {
      throw new UsageError(
        'ladder evaluate needs --preset (kyrkbacksskolan, stockholm, orebro, norrkoping) and --date YYYY-MM-DD',
      );
    }
    const { dryRunLadder } = await import('./modules/ladders/dry-run-ladder.js');
    const { unsafeAllOrganiserIds } = await import('./db/tenants.js');
    const rows = [];
    for (const organiserId of await unsafeAllOrganiserIds(database.db)) {
      for (const run of await dryRunLadder(
        database.db,
        organiserId,
        LADDER_PRESETS[values.preset],
        null,
        values.date,
      )) {
        const { stepIndex, stepKey, since, explanation } = run.result;
        rows.push({ personId: run.personId, stepIndex, stepKey, since, explanation });
      }
    }
    process.stdout.write(
      values.json
        ? `${JSON.stringify(rows)}\n`
        : rows
            .filter((r) => r.stepIndex > 0)
            .map((r) => `${r.personId}\t${r.stepIndex}\t${r.explanation}`)
            .join('\n') + '\n',
    );
    return 0;
  },
  async stats(database, args) {
    const { values } = parseArgs({
      args,
      options: {
        level: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    const level = values.level;
    if (level !== 'school' && level !== 'organiser' && level !== 'region')
      throw new UsageError('stats needs --level school, organiser or region');
    if (!values.from || !values.to || !DATE.test(values.from) || !DATE.test(values.to))
      throw new UsageError('stats needs --from and --to as YYYY-MM-DD');
    if (values.to < values.from) throw new UsageError('--to is before --from');
    const { clockFor } = await import('./clock.js');
    const { unsafeStatsForCli } = await import('./modules/statistics/stats-for-cli.js');
    const result = await unsafeStatsForCli(database.db, level, values.from, values.to, clockFor(loadConfig()).today());
    process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : `${JSON.stringify(result, null, 2)}\n`);
    return 0;
  },
  async rollups(database, args) {
    if (args[0] !== 'rebuild' || args.length > 1) throw new UsageError('rollups needs: rebuild');
    const { clockFor } = await import('./clock.js');
    const { unsafeAllOrganiserIds } = await import('./db/tenants.js');
    const { rebuildStatisticsRollups } = await import('./modules/statistics/rollups.js');
    const { advanceRollupCuts } = await import('./modules/statistics/rollup-cuts.js');
    const today = clockFor(loadConfig()).today();
    for (const organiserId of await unsafeAllOrganiserIds(database.db)) {
      const started = performance.now();
      await database.db.transaction(async (tx) => {
        await rebuildStatisticsRollups(tx, organiserId);
        await advanceRollupCuts(tx, organiserId, today);
      });
      console.log(`${organiserId}\t${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    return 0;
  },
  async region(database, args) {
    const [sub, ...rest] = args;
    const { values } = parseArgs({
      args: rest,
      options: {
        name: { type: 'string' },
        organiser: { type: 'string', multiple: true },
        username: { type: 'string' },
      },
    });
    const organiserIds = values.organiser ?? [];
    if (
      sub !== 'create' ||
      !values.name?.trim() ||
      organiserIds.length === 0 ||
      !organiserIds.every((id) => UUID.test(id))
    ) {
      throw new UsageError('region create needs --name and at least one --organiser <uuid>');
    }
    const password = process.env.NARVARO_REGION_PASSWORD;
    if (values.username && (!password || password.length < 12))
      throw new UsageError('set NARVARO_REGION_PASSWORD (at least 12 characters) for the region user');
    const { queryRows } = await import('./db/client.js');
    const { sql } = await import('drizzle-orm');
    for (const id of organiserIds) {
      const known = await queryRows(
        database.db,
        sql`select 1 from organisations where organiser_id = ${id.toLowerCase()} and id = ${id.toLowerCase()}`,
      );
      if (known.length === 0) throw new UsageError(`no organiser (Huvudman) with id ${id}`);
    }
    const { createRegion } = await import('./modules/statistics/commands/create-region.js');
    const regionId = await database.db.transaction((tx) =>
      createRegion(tx, {
        name: values.name!.trim(),
        organiserIds: organiserIds.map((id) => id.toLowerCase()),
        user: values.username
          ? { username: values.username, password: password!, displayName: values.name!.trim() }
          : undefined,
      }),
    );
    console.log(JSON.stringify({ regionId }));
    return 0;
  },
  async 'api-token'(database, args) {
    const [sub, ...rest] = args;
    const { values } = parseArgs({
      args: rest,
      options: {
        organisation: { type: 'string' },
        scope: { type: 'string', multiple: true },
        name: { type: 'string' },
        id: { type: 'string' },
      },
    });
    const organiserId = values.organisation?.toLowerCase();
    if (!organiserId || !UUID.test(organiserId))
      throw new UsageError('api-token needs --organisation <uuid> (the SS12000 id of the organiser)');
    const { queryRows } = await import('./db/client.js');
    const { sql } = await import('drizzle-orm');
    const known = await queryRows(
      database.db,
      sql`select 1 from organisations where organiser_id = ${organiserId} and id = ${organiserId} and organisation_type = 'Huvudman'`,
    );
    if (known.length === 0) throw new UsageError(`no organiser (Huvudman) with id ${organiserId}`);
    const ctx = { organiserId, actorUserId: null };
    if (sub === 'create') {
      const { isApiScope } = await import('./modules/api-tokens/api-token.js');
      const scopes = values.scope ?? [];
      if (scopes.length === 0 || !scopes.every(isApiScope) || !values.name?.trim())
        throw new UsageError('api-token create needs --scope ss12000:read and --name <label>');
      const { createApiToken } = await import('./modules/api-tokens/commands/create-api-token.js');
      const created = await database.db.transaction((tx) =>
        createApiToken(tx, ctx, { name: values.name!.trim(), scopes: scopes.filter(isApiScope), origin: 'cli' }),
      );
      console.log(
        `API-nyckel "${created.name}" (id ${created.id}, ${created.scopes.join(' ')}) skapad. Den visas bara nu:`,
      );
      console.log(created.token);
      return 0;
    }
    if (sub === 'list') {
      const { listApiTokens } = await import('./modules/api-tokens/api-tokens.repo.js');
      for (const t of await listApiTokens(database.db, organiserId)) {
        console.log(
          JSON.stringify({
            id: t.id,
            name: t.name,
            scopes: t.scopes,
            createdAt: t.createdAt,
            lastUsedAt: t.lastUsedAt,
            revokedAt: t.revokedAt,
          }),
        );
      }
      return 0;
    }
    if (sub === 'revoke') {
      if (!values.id || !UUID.test(values.id)) throw new UsageError('api-token revoke needs --id <token id>');
      const { revokeApiToken } = await import('./modules/api-tokens/commands/revoke-api-token.js');
      const { AppError } = await import('./errors.js');
      try {
        const wasActive = await database.db.transaction((tx) => revokeApiToken(tx, ctx, values.id!.toLowerCase()));
        console.log(wasActive ? 'API-nyckeln är återkallad.' : 'API-nyckeln var redan återkallad.');
        return 0;
      } catch (error) {
        if (error instanceof AppError) {
          console.error(error.message);
          return 1;
        }
        throw error;
      }
    }
    throw new UsageError('api-token needs: create, list or revoke');
  },
  async export(database, args) {
    const { values } = parseArgs({
      args,
      options: { organisation: { type: 'string' }, out: { type: 'string' }, 'without-cases': { type: 'boolean' } },
    });
    const organiserId = values.organisation?.toLowerCase();
    if (!organiserId || !UUID.test(organiserId) || !values.out)
      throw new UsageError('export needs --organisation <uuid> and --out <file.zip>');
    const { queryRows } = await import('./db/client.js');
    const { sql } = await import('drizzle-orm');
    const known = await queryRows(
      database.db,
      sql`select 1 from organisations where organiser_id = ${organiserId} and id = ${organiserId} and organisation_type = 'Huvudman'`,
    );
    if (known.length === 0) throw new UsageError(`no organiser (Huvudman) with id ${organiserId}`);
    const { randomUUID } = await import('node:crypto');
    const { writeFileSync } = await import('node:fs');
    const { buildExport } = await import('./modules/exports/commands/create-export.js');
    const { recordExport } = await import('./modules/exports/commands/record-export.js');
    const built = await buildExport(database, organiserId, {
      includeCases: !values['without-cases'],
      now: new Date(),
      onProgress: async (done, total) => {
        process.stderr.write(`\rfiler: ${done}/${total}   `);
      },
    });
    process.stderr.write('\n');
    writeFileSync(values.out, built.zip);
    await database.db.transaction((tx) =>
      recordExport(tx, { organiserId, actorUserId: null }, randomUUID(), built, { origin: 'cli', isStored: false }),
    );
    console.log(JSON.stringify({ out: values.out, bytes: built.zip.byteLength, files: built.counts }));
    return 0;
  },
  async user(database, args) {
    const [sub, ...rest] = args;
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        search: { type: 'string' },
        role: { type: 'string' },
        school: { type: 'string' },
        until: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    const { ROLES } = await import('../shared/roles.js');
    const role = values.role as (typeof ROLES)[number] | undefined;
    if (role !== undefined && !ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    if (values.school !== undefined && !UUID.test(values.school))
      throw new UsageError('--school must be a school unit id (uuid)');
    if (values.until !== undefined && !DATE.test(values.until)) throw new UsageError('--until must be YYYY-MM-DD');
    const { listAccounts } = await import('./modules/users/users.repo.js');
    const { unsafeAllOrganiserIds } = await import('./db/tenants.js');
    if (sub === 'list') {
      const rows = [];
      for (const organiserId of await unsafeAllOrganiserIds(database.db)) {
        for (const account of await listAccounts(database.db, organiserId, { search: values.search, role, limit: 500 }))
          rows.push({ organiserId, ...account });
      }
      process.stdout.write(
        values.json
          ? `${JSON.stringify(rows)}\n`
          : rows
              .map((a) =>
                [
                  a.username,
                  a.displayName,
                  a.kind,
                  a.isActive ? 'aktiv' : 'avstängd',
                  a.roles
                    .map((r) => `${r.role}${r.schoolUnitName ? `@${r.schoolUnitName}` : ''}(${r.source})`)
                    .join(','),
                ].join('\t'),
              )
              .join('\n') + '\n',
      );
      return 0;
    }
    const [username] = positionals;
    if (!['disable', 'enable', 'grant', 'revoke'].includes(sub ?? '') || !username)
      throw new UsageError('user needs: list | disable|enable|grant|revoke <username>');
    if ((sub === 'grant' || sub === 'revoke') && !role) throw new UsageError(`user ${sub} needs --role`);
    const { findUserByUsername } = await import('./modules/auth/auth.repo.js');
    const { grantRole, revokeRole, setAccountActive } = await import('./modules/users/commands/administer-account.js');
    const account = await database.db.transaction(async (tx) => {
      const user = await findUserByUsername(tx, username);
      if (!user) throw new UsageError(`no account with username ${username}`);
      // The operator acts as the system (actor null), in the account's own organiser.
      const ctx = { organiserId: user.organiserId, actorUserId: null };
      const schoolUnitId = values.school?.toLowerCase() ?? null;
      if (sub === 'disable' || sub === 'enable') await setAccountActive(tx, ctx, user.id, sub === 'enable');
      else if (sub === 'grant')
        await grantRole(tx, ctx, user.id, { role: role!, schoolUnitId, endsOn: values.until ?? null });
      else await revokeRole(tx, ctx, user.id, { role: role!, schoolUnitId });
      return (await listAccounts(tx, user.organiserId, { userId: user.id, limit: 1 }))[0];
    });
    console.log(JSON.stringify(account));
    return 0;
  },
};

async function main(): Promise<number> {
  const [name, ...args] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  const { database, close } = await openRuntimeDatabase(config);
  try {
    return await command(database, args);
  } finally {
    await close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
    else if (error instanceof AppError) console.error(error.message);
    else if (
      error instanceof ConfigError ||
      error instanceof DataDirInUseError ||
      error instanceof DatabaseUnavailableError
    )
      console.error(error.message);
    else console.error(error);
    process.exit(2);
  },
);
