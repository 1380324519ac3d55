import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

let hasNavigated = false;

/**
 * One page: sets the document title ("<title> – Närvaro") and renders the page's single h1.
 * After client-side navigation, focus moves to the h1 so screen-reader and keyboard users
 * start at the new content (on the first load focus stays at the top for the skip link).
 */
export function Page({ title, heading, children }: { title: string; heading?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title, t]);

  useEffect(() => {
    if (hasNavigated) headingRef.current?.focus({ preventScroll: false });
    hasNavigated = true;
  }, []);

  return (
    <>
      <h1 ref={headingRef} tabIndex={-1} className="page-heading">
        {heading ?? title}
      </h1>
      {children}
    </>
  );
}
