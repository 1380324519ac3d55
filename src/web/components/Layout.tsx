import { useEffect, useState } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ROLE_LABELS, type Role } from '@shared/roles';
import { useAuth } from '../auth/AuthContext';
import {
  GUARDIAN_HOME,
  GUARDIAN_NAV_ITEMS,
  GUARDIAN_NAV_PATHS,
  isGuardian,
  NAV_PATHS,
  navItemsFor,
} from '../auth/navigation';
import { changeLanguage, LANGUAGES, type Language } from '../i18n';
import { api } from '../api/endpoints';

/**
 * Switches between Swedish and English; the button names the other language in that language.
 * A guardian's choice is also saved on the account, since their messages follow it.
 */
function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const next: Language = i18n.language === 'en' ? 'sv' : 'en';
  const handleSwitch = () => {
    void changeLanguage(next);
    // The portal works in the new language even if saving fails; messages then keep the old one.
    if (me && isGuardian(me)) api.setGuardianLocale(next).catch(() => undefined);
  };
  return (
    <button type="button" className="button button-link" lang={next} onClick={handleSwitch}>
      {t(`language.switchTo.${next}`)}
    </button>
  );
}

/** The signed-in user, their roles and the logout button. */
function UserMenu() {
  const { t } = useTranslation();
  const { me, logOut } = useAuth();
  const navigate = useNavigate();
  const [isLoggingOut, setIsLoggingOut] = useState(false);
  const [othersStatus, setOthersStatus] = useState('');
  if (!me) return null;
  const roleNames = isGuardian(me)
    ? [t('guardianPortal.roleName')]
    : [
        ...new Set(
          me.roles.map((grant) => t(`roles.${grant.role}`, { defaultValue: ROLE_LABELS[grant.role as Role] })),
        ),
      ];

  const handleLogOut = async () => {
    setIsLoggingOut(true);
    try {
      await logOut();
    } finally {
      setIsLoggingOut(false);
      void navigate('/login', { replace: true });
    }
  };

  // A lost phone or a shared computer: end every other session, keep this one.
  const handleLogOutOthers = async () => {
    setOthersStatus('');
    try {
      const { ended } = await api.logOutOtherSessions();
      setOthersStatus(t('nav.loggedOutOthers', { count: ended }));
    } catch {
      setOthersStatus(t('nav.logOutOthersFailed'));
    }
  };

  return (
    <div className="user-menu">
      <p className="user-name">
        {me.displayName}
        <span className="user-roles">{roleNames.join(', ')}</span>
      </p>
      <button type="button" className="button button-link" onClick={() => void handleLogOutOthers()}>
        {t('nav.logOutOthers')}
      </button>
      {othersStatus && <span role="status">{othersStatus}</span>}
      <button
        type="button"
        className="button button-secondary"
        onClick={() => void handleLogOut()}
        disabled={isLoggingOut}
      >
        {t('nav.logOut')}
      </button>
    </div>
  );
}

/** One navigation link. */
interface NavEntry {
  key: string;
  to: string;
  label: string;
  /** Active only on exactly this path (the start pages). */
  isEnd: boolean;
}

/**
 * The landmarks every page shares: skip link, header (app name, navigation, user menu), the main
 * landmark (target of the skip link) and a footer with the language switch.
 */
function Frame({
  nav,
  withUserMenu,
  mainClassName,
}: {
  nav: NavEntry[];
  withUserMenu: boolean;
  mainClassName: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <p className="app-name">{t('app.name')}</p>
          {nav.length > 0 && (
            <nav aria-label={t('nav.label')} className="main-nav">
              <ul>
                {nav.map((entry) => (
                  <li key={entry.key}>
                    <NavLink to={entry.to} end={entry.isEnd}>
                      {entry.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          {withUserMenu && <UserMenu />}
        </div>
      </header>
      <main id="main" tabIndex={-1} className={`site-main ${mainClassName}`}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <LanguageSwitch />
      </footer>
    </>
  );
}

/** The staff frame: the navigation the user's roles give. */
export function Layout() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const nav = (me ? navItemsFor(me) : []).map((item) => ({
    key: item,
    to: NAV_PATHS[item],
    label: t(`nav.items.${item}`),
    isEnd: item === 'myLessons' || item === 'messages',
  }));
  return <Frame nav={nav} withUserMenu mainClassName="" />;
}

/**
 * The guardian portal's frame: only the portal's pages in the navigation, and the portal in the
 * account's language on arrival.
 */
export function GuardianLayout() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const locale = me?.locale;
  useEffect(() => {
    if (locale && (LANGUAGES as readonly string[]).includes(locale)) void changeLanguage(locale as Language);
  }, [locale]);
  const nav = GUARDIAN_NAV_ITEMS.map((item) => ({
    key: item,
    to: GUARDIAN_NAV_PATHS[item],
    label: t(`guardianPortal.nav.${item}`),
    isEnd: GUARDIAN_NAV_PATHS[item] === GUARDIAN_HOME,
  }));
  return <Frame nav={nav} withUserMenu mainClassName="site-main-portal" />;
}

/** The frame for the login page: no navigation, but the same landmarks and skip link. */
export function PublicLayout() {
  return <Frame nav={[]} withUserMenu={false} mainClassName="site-main-narrow" />;
}
