import { useTranslation } from 'react-i18next';

/** A polite "Laddar…" status while data loads. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {label ?? t('common.loading')}
    </p>
  );
}
