import type { ReactNode } from 'react';

/** Visual tone of a badge; every badge carries its meaning in text, never in colour alone. */
export type BadgeTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

/** A short text label ("Anmäld frånvaro", "Klarmarkerad", "Skyddad identitet"). */
export function Badge({ tone = 'neutral', children }: { tone?: BadgeTone; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
