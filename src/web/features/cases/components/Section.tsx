import { useId, type ReactNode } from 'react';
import { LiveStatus } from '../../../components/LiveStatus';

/** A titled section of the case page; `status` announces what was just saved in it, where the user is. */
export function Section({
  id,
  title,
  status = '',
  children,
}: {
  id: string;
  title: string;
  status?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="page-section">
      <h2 id={id}>{title}</h2>
      <LiveStatus message={status} />
      {children}
    </section>
  );
}

/** A labelled form field (label above the control, hint below). */
export function Field({
  id,
  label,
  hint,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/** A table that scrolls sideways inside its own focusable region, named by its caption (keyboard users can scroll it). */
export function ScrollTable({
  caption,
  isCaptionHidden = false,
  children,
}: {
  caption: string;
  isCaptionHidden?: boolean;
  children: ReactNode;
}) {
  const captionId = useId();
  return (
    <section className="table-scroll" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table">
        <caption id={captionId} className={isCaptionHidden ? 'visually-hidden' : undefined}>
          {caption}
        </caption>
        {children}
      </table>
    </section>
  );
}
