import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '@shared/roles';
import { MAPPABLE_ROLES } from '@shared/ss12000-role-mapping';
import type { Account, AccountAudit, AccountList, AuthSettings, RoleMapping } from '@shared/schemas/users';
import { apiGet, apiPath, apiPost, apiPut, ApiError } from '../api/client';
import { useApiQuery } from '../hooks/useApiQuery';
import { Page } from '../components/Page';
import { Loading } from '../components/Loading';
import { ErrorMessage } from '../components/ErrorMessage';
import { LiveStatus } from '../components/LiveStatus';

const GRANTABLE: Role[] = ['teacher', 'mentor', 'studentHealth', 'principal', 'organiserAdmin', 'systemAdmin'];
const asError = (caught: unknown) => (caught instanceof ApiError ? caught : new ApiError(0, 'UNKNOWN', String(caught)));

/** Användare: accounts with roles and their source, status, manual grants, password reset, audit trail; role mapping and sign-in setting. */
export default function UsersRoute() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [role, setRole] = useState('');
  const [schoolUnitId, setSchoolUnitId] = useState('');
  const list = useApiQuery<AccountList>(
    apiPath('/api/users', {
      search: search || undefined,
      role: role || undefined,
      schoolUnitId: schoolUnitId || undefined,
    }),
  );
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState('');
  const [open, setOpen] = useState<string | null>(null);

  const act = async (change: () => Promise<Account>, done: string) => {
    setError(null);
    try {
      await change();
      setStatus(done);
      list.reload();
    } catch (caught) {
      setError(asError(caught));
    }
  };

  return (
    <Page title={t('users.title')}>
      <p>{t('users.intro')}</p>
      <div className="filters">
        <div className="field">
          <label htmlFor="users-search">{t('users.search')}</label>
          <input id="users-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="users-role">{t('users.role')}</label>
          <select id="users-role" value={role} onChange={(e) => setRole(e.target.value)}>
            <option value="">{t('users.all')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="users-school">{t('users.school')}</label>
          <select id="users-school" value={schoolUnitId} onChange={(e) => setSchoolUnitId(e.target.value)}>
            <option value="">{t('users.all')}</option>
            {list.data?.schoolUnits.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <LiveStatus message={status} />
      {error && <ErrorMessage error={error} />}
      {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {!list.data && !list.error && <Loading />}
      {list.data && (
        <table className="data-table">
          <caption>{t('users.caption', { count: list.data.accounts.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('users.name')}</th>
              <th scope="col">{t('users.roles')}</th>
              <th scope="col">{t('users.lastLogin')}</th>
              <th scope="col">{t('users.status')}</th>
              <th scope="col">{t('users.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.accounts.map((a) => (
              <tr key={a.id}>
                <th scope="row">
                  {a.displayName}
                  <br />
                  <small>
                    {a.username} · {t(`users.kind.${a.kind}`)} · {t(`users.source.${a.source}`)}
                  </small>
                </th>
                <td>
                  <ul className="plain-list">
                    {a.roles.map((g) => (
                      <li key={`${g.role}|${g.schoolUnitId}`}>
                        {t(`roles.${g.role}`)}
                        {g.schoolUnitName ? `, ${g.schoolUnitName}` : ''} ({t(`users.source.${g.source}`)}
                        {g.endsOn ? `, ${t('users.until', { date: g.endsOn })}` : ''})
                        {g.source === 'manual' && (
                          <button
                            type="button"
                            className="button button-small"
                            onClick={() =>
                              void act(
                                () =>
                                  apiPost<Account>(`/api/users/${a.id}/roles/revoke`, {
                                    role: g.role,
                                    schoolUnitId: g.schoolUnitId,
                                  }),
                                t('users.revoked'),
                              )
                            }
                          >
                            {t('users.revoke')}
                          </button>
                        )}
                      </li>
                    ))}
                  </ul>
                </td>
                <td>{a.lastLoginAt ? new Date(a.lastLoginAt).toLocaleString('sv-SE') : t('users.never')}</td>
                <td>{a.isActive ? t('users.active') : t(`users.disabledBy.${a.disabledBy ?? 'admin'}`)}</td>
                <td>
                  <span className="button-row">
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() =>
                        void act(
                          () => apiPost<Account>(`/api/users/${a.id}/${a.isActive ? 'disable' : 'enable'}`),
                          a.isActive ? t('users.disabled') : t('users.enabled'),
                        )
                      }
                    >
                      {a.isActive ? t('users.disable') : t('users.enable')}
                    </button>
                    <button
                      type="button"
                      className="button button-small"
                      aria-expanded={open === a.id}
                      onClick={() => setOpen(open === a.id ? null : a.id)}
                    >
                      {t('users.more')}
                    </button>
                  </span>
                  {open === a.id && (
                    <AccountDetails
                      account={a}
                      schoolUnits={list.data!.schoolUnits}
                      onChange={(message) => {
                        setStatus(message);
                        list.reload();
                      }}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <SignInSettings />
      <RoleMappingSection />
    </Page>
  );
}

/** Manual grant with end date, password reset and the account's audit trail. */
function AccountDetails({
  account,
  schoolUnits,
  onChange,
}: {
  account: Account;
  schoolUnits: { id: string; name: string }[];
  onChange: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [role, setRole] = useState<Role>('studentHealth');
  const [unit, setUnit] = useState(schoolUnits[0]?.id ?? '');
  const [endsOn, setEndsOn] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [audit, setAudit] = useState<AccountAudit | null>(null);
  const isOrganiserRole = role === 'organiserAdmin' || role === 'systemAdmin';

  const submit = async (event: FormEvent, action: () => Promise<unknown>, message: string) => {
    event.preventDefault();
    setError(null);
    try {
      await action();
      onChange(message);
    } catch (caught) {
      setError(asError(caught));
    }
  };

  return (
    <div className="card">
      {error && <ErrorMessage error={error} />}
      {account.kind === 'staff' && (
        <form
          onSubmit={(e) =>
            void submit(
              e,
              () =>
                apiPost(`/api/users/${account.id}/roles`, {
                  role,
                  schoolUnitId: isOrganiserRole ? null : unit,
                  endsOn: endsOn || null,
                }),
              t('users.granted'),
            )
          }
        >
          <h3>{t('users.grantHeading')}</h3>
          <div className="field">
            <label htmlFor={`grant-role-${account.id}`}>{t('users.role')}</label>
            <select id={`grant-role-${account.id}`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {GRANTABLE.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          </div>
          {!isOrganiserRole && (
            <div className="field">
              <label htmlFor={`grant-unit-${account.id}`}>{t('users.school')}</label>
              <select id={`grant-unit-${account.id}`} value={unit} onChange={(e) => setUnit(e.target.value)}>
                {schoolUnits.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor={`grant-until-${account.id}`}>{t('users.endsOn')}</label>
            <input
              id={`grant-until-${account.id}`}
              type="date"
              value={endsOn}
              onChange={(e) => setEndsOn(e.target.value)}
            />
          </div>
          <button type="submit" className="button">
            {t('users.grant')}
          </button>
        </form>
      )}
      <form
        onSubmit={(e) =>
          void submit(e, () => apiPost(`/api/users/${account.id}/password`, { password }), t('users.passwordSet'))
        }
      >
        <div className="field">
          <label htmlFor={`password-${account.id}`}>{t('users.newPassword')}</label>
          <input
            id={`password-${account.id}`}
            type="password"
            autoComplete="new-password"
            minLength={12}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <button type="submit" className="button">
          {t('users.setPassword')}
        </button>
      </form>
      <button
        type="button"
        className="button"
        onClick={() =>
          void apiGet<AccountAudit>(`/api/users/${account.id}/audit`).then(setAudit, (caught) =>
            setError(asError(caught)),
          )
        }
      >
        {t('users.showAudit')}
      </button>
      {audit && (
        <ul className="plain-list">
          {audit.events.map((e, i) => (
            <li key={i}>
              {new Date(e.occurredAt).toLocaleString('sv-SE')} · {e.type} · {e.actorName ?? t('users.system')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function SignInSettings() {
  const { t } = useTranslation();
  const settings = useApiQuery<AuthSettings>('/api/users/sign-in-settings');
  const [error, setError] = useState<ApiError | null>(null);
  if (!settings.data) return settings.error ? <ErrorMessage error={settings.error} /> : null;
  const toggle = async (localLoginEnabled: boolean) => {
    try {
      settings.setData(await apiPut<AuthSettings>('/api/users/sign-in-settings', { localLoginEnabled }));
    } catch (caught) {
      setError(asError(caught));
    }
  };
  return (
    <section className="page-section" aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading">{t('users.signInHeading')}</h2>
      {error && <ErrorMessage error={error} />}
      <label>
        <input
          type="checkbox"
          checked={settings.data.localLoginEnabled}
          onChange={(e) => void toggle(e.target.checked)}
        />{' '}
        {t('users.localLogin')}
      </label>
    </section>
  );
}

function RoleMappingSection() {
  const { t } = useTranslation();
  const mapping = useApiQuery<RoleMapping>('/api/users/role-mapping');
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState('');
  if (!mapping.data) return mapping.error ? <ErrorMessage error={mapping.error} /> : null;
  const change = async (index: number, role: string) => {
    const entries = mapping.data!.entries.map((e, i) =>
      i === index ? { ...e, role: (role || null) as typeof e.role } : e,
    );
    try {
      mapping.setData(await apiPut<RoleMapping>('/api/users/role-mapping', { entries }));
      setStatus(t('users.mappingSaved'));
    } catch (caught) {
      setError(asError(caught));
    }
  };
  return (
    <section className="page-section" aria-labelledby="mapping-heading">
      <h2 id="mapping-heading">{t('users.mappingHeading')}</h2>
      <p>{t('users.mappingIntro')}</p>
      <LiveStatus message={status} />
      {error && <ErrorMessage error={error} />}
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('users.ss12000Role')}</th>
            <th scope="col">{t('users.narvaroRole')}</th>
          </tr>
        </thead>
        <tbody>
          {mapping.data.entries.map((e, i) => (
            <tr key={`${e.sourceKind}|${e.sourceValue}`}>
              <th scope="row">
                <label htmlFor={`map-${i}`}>
                  {e.sourceValue} ({t(`users.sourceKind.${e.sourceKind}`)})
                </label>
              </th>
              <td>
                <select id={`map-${i}`} value={e.role ?? ''} onChange={(ev) => void change(i, ev.target.value)}>
                  <option value="">{t('users.noRole')}</option>
                  {MAPPABLE_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`roles.${r}`)}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
