/**
 * Maps a verified OIDC identity to an existing account and opens the usual session. Accounts are
 * never made here (they come from SS12000, see modules/users); a person who matches no account,
 * several, or a disabled one is refused and the refusal audited, without the claim's value.
 */
import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, schema, type Tx } from '../../../db/client.js';
import type { LoginFailureReason } from '../../../audit/write-audit-event.js';
import type { UserRow } from '../providers/authentication-provider.js';
import type { OidcKind } from '../oidc/oidc-client.js';
import { openSession, recordLoginFailure, type LogInResult, type SessionInput } from './log-in.js';
import { NIL_UUID } from '../../../db/sql.js';

/** Refusals of a sign-in nobody could be tied to are filed under this tenant (no organiser). */
export const NO_ORGANISER_ID = NIL_UUID;

export interface OidcLogInInput extends SessionInput {
  kind: OidcKind;
  issuer: string;
  subject: string;
  claims: Record<string, unknown>;
  /** Staff: the claim matched against the person's e-mails, eppns, external ids; guardian: the personal number claim. */
  claimName: string;
  /** Secret key of the subject hash (the provider's client secret). */
  subjectHashKey: string;
}

export async function logInWithOidc(tx: Tx, input: OidcLogInInput): Promise<LogInResult> {
  const providerId = `oidc-${input.kind}`;
  // Traces repeated refusals of the same identity without storing who it is. Keyed: a subject may be
  // a personal number, and a plain hash of one is reversed by trying them all.
  const subjectHash = createHmac('sha256', input.subjectHashKey)
    .update(`${input.issuer}|${input.subject}`)
    .digest('hex')
    .slice(0, 16);
  const refuse = async (
    reason: LoginFailureReason,
    organiserId = NO_ORGANISER_ID,
    userId: string | null = null,
  ): Promise<LogInResult> => {
    await recordLoginFailure(tx, input, organiserId, userId, { reason, provider: providerId, subjectHash });
    return { isOk: false, reason };
  };
  const value = input.claims[input.claimName];
  if (typeof value !== 'string' || value.trim() === '') return refuse('unknown-person');
  if (input.kind === 'staff' && input.claimName === 'email' && input.claims.email_verified === false)
    return refuse('verification-failed');

  const accounts = input.kind === 'staff' ? await staffAccounts(tx, value) : await guardianAccounts(tx, value);
  const active = accounts.filter((a) => a.isActive);
  if (active.length === 1) return openSession(tx, active[0], input, providerId, input.kind);
  if (active.length > 1) {
    // The same identity on several accounts (a shared e-mail, or children with two organisers): never guess.
    for (const account of active) await refuse('ambiguous', account.organiserId, account.id);
    return { isOk: false, reason: 'ambiguous' };
  }
  if (accounts.length > 0) {
    const [account] = accounts;
    // The sync disables a guardian account when custody has ended.
    return refuse(
      input.kind === 'guardian' && account.disabledBy === 'ss12000' ? 'no-custody' : 'inactive',
      account.organiserId,
      account.id,
    );
  }
  if (input.kind === 'guardian') {
    const [person] = await queryRows<{ organiser_id: string; is_responsible: boolean }>(
      tx,
      sql`
      SELECT p.organiser_id, EXISTS (SELECT 1 FROM responsibles r WHERE r.organiser_id = p.organiser_id AND r.guardian_id = p.id) AS is_responsible
      FROM persons p WHERE p.civic_no = ${normalizePersonalNumber(value)} LIMIT 1`,
    );
    if (person) return refuse(person.is_responsible ? 'no-custody' : 'no-account', person.organiser_id);
  }
  return refuse('unknown-person');
}

/** Staff accounts whose person has this e-mail, eppn or external id (kept in users.login_keys by the sync). */
async function staffAccounts(tx: Tx, value: string): Promise<UserRow[]> {
  return tx
    .select()
    .from(schema.users)
    .where(
      sql`${schema.users.kind} = 'staff' AND ${schema.users.loginKeys} @> ARRAY[${value.trim().toLowerCase()}]::text[]`,
    )
    .limit(10);
}

/** Guardian accounts of the person with this personal number (SS12000 civicNo). */
async function guardianAccounts(tx: Tx, value: string): Promise<UserRow[]> {
  const civicNo = normalizePersonalNumber(value);
  if (!/^\d{12}$/.test(civicNo)) return [];
  return tx
    .select({ user: schema.users })
    .from(schema.users)
    .innerJoin(
      schema.persons,
      sql`${schema.persons.organiserId} = ${schema.users.organiserId} AND ${schema.persons.id} = ${schema.users.personId}`,
    )
    .where(sql`${schema.users.kind} = 'guardian' AND ${schema.persons.civicNo} = ${civicNo}`)
    .limit(10)
    .then((rows) => rows.map((r) => r.user));
}

/** Brokers send 12 digits, sometimes with a hyphen: keep the digits. */
const normalizePersonalNumber = (value: string): string => value.replace(/\D/g, '');
