/** The guardian portal's data: one overview call feeds every portal page. */
import { addDays } from '@shared/dates';
import { api, type GuardianOverview } from '../../api/endpoints';
import { useApiQuery, type ApiQuery } from '../../hooks/useApiQuery';

/** The guardian's children, reports, leave requests and messages. */
export function useGuardianOverview(): ApiQuery<GuardianOverview> {
  return useApiQuery<GuardianOverview>(api.guardianOverviewPath());
}

/** A child's first name and surname, or '' when the child is not among the guardian's. */
export function childName(overview: GuardianOverview, pupilId: string): string {
  const child = overview.children.find((c) => c.personId === pupilId);
  return child ? `${child.givenName} ${child.familyName}` : '';
}

/** The first day a report may cover (the school's limit for days back). */
export const earliestReportDate = (overview: GuardianOverview): string =>
  addDays(overview.today, -overview.reportPastDays);
