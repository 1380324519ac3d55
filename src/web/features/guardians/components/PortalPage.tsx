import type { ReactNode } from 'react';
import type { GuardianOverview } from '../../../api/endpoints';
import { Page } from '../../../components/Page';
import { Loading } from '../../../components/Loading';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useGuardianOverview } from '../overview';

/** A portal page: loads the guardian's overview and renders the page once it is there. */
export function PortalPage({
  title,
  children,
}: {
  title: string;
  children: (overview: GuardianOverview, reload: () => void) => ReactNode;
}) {
  const query = useGuardianOverview();
  return (
    <Page title={title}>
      {query.error ? (
        <ErrorMessage error={query.error} onRetry={query.reload} />
      ) : !query.data ? (
        <Loading />
      ) : (
        children(query.data, query.reload)
      )}
    </Page>
  );
}
