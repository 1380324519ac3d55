import { useTranslation } from 'react-i18next';
import { Page } from '../components/Page';
import { ApiTokensSection } from '../features/dataAccess/ApiTokensSection';
import { ExportSection } from '../features/dataAccess/ExportSection';

/** Dataåtkomst (huvudman): API tokens for other systems to read SS12000, and the full export. */
export default function DataAccessRoute() {
  const { t } = useTranslation();
  return (
    <Page title={t('dataAccess.title')}>
      <p>{t('dataAccess.intro')}</p>
      <ApiTokensSection />
      <ExportSection />
    </Page>
  );
}
