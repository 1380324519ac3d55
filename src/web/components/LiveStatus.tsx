/**
 * A live region that is always in the DOM (screen readers only announce changes to regions
 * they already know). `tone` only changes the look; errors use role="alert" via ErrorMessage.
 */
export function LiveStatus({ message, tone = 'success' }: { message: string; tone?: 'success' | 'info' }) {
  return (
    <div
      role="status"
      aria-live="polite"
      aria-atomic="true"
      className={message ? `message message-${tone}` : 'live-empty'}
    >
      {message}
    </div>
  );
}
