import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { GUARDIAN_NAV_PATHS } from '../auth/navigation';
import { PortalPage } from '../features/guardians/components/PortalPage';
import { LEAVE_WARNING_DAYS } from '../features/guardians/portalDates';
import type { GuardianOverview } from '../api/endpoints';
import { formatPercent, formatShortDate } from '../lib/format';

/** "Frånvaro denna termin: 6,5 % (varav ogiltig 1,2 %)": the same figures the school sees, in plain words. */
function AttendanceThisTerm({
  attendance,
}: {
  attendance: GuardianOverview['children'][number]['attendanceThisTerm'];
}) {
  const { t, i18n } = useTranslation();
  if (!attendance) return <p>{t('guardianPortal.children.noAttendance')}</p>;
  const pct = (share: number) => formatPercent(share, i18n.language);
  return (
    <p>
      {t('guardianPortal.children.attendance', {
        absent: pct(attendance.absentRate),
        invalid: pct(attendance.invalidRate),
        from: formatShortDate(attendance.from, i18n.language),
      })}
      {attendance.coverage !== null && attendance.coverage < 0.9 && (
        <span className="muted"> {t('guardianPortal.children.partlyRegistered')}</span>
      )}
    </p>
  );
}

/** Mina barn: the guardian's children (custody only), their school and class, attendance this term and leave days this school year. */
export default function GuardianChildrenRoute() {
  const { t } = useTranslation();
  return (
    <PortalPage title={t('guardianPortal.children.title')}>
      {(overview) => (
        <>
          {overview.children.length === 0 ? (
            <p className="empty">{t('guardianPortal.children.empty')}</p>
          ) : (
            <ul className="portal-list">
              {overview.children.map((child) => (
                <li key={child.personId} className="card">
                  <h2 className="portal-card-title">
                    {child.givenName} {child.familyName}
                  </h2>
                  <p className="muted">{[child.className, child.schoolName].filter(Boolean).join(', ')}</p>
                  <AttendanceThisTerm attendance={child.attendanceThisTerm} />
                  <p>
                    {t('guardianPortal.children.leaveDays', { count: child.leaveDaysThisYear })}
                    {child.leaveDaysThisYear > LEAVE_WARNING_DAYS && (
                      <strong> {t('guardianPortal.leave.overTen')}</strong>
                    )}
                  </p>
                </li>
              ))}
            </ul>
          )}
          <p className="button-row">
            <Link className="button button-primary" to={GUARDIAN_NAV_PATHS.report}>
              {t('guardianPortal.nav.report')}
            </Link>
            <Link className="button button-secondary" to={GUARDIAN_NAV_PATHS.leave}>
              {t('guardianPortal.nav.leave')}
            </Link>
          </p>
        </>
      )}
    </PortalPage>
  );
}
