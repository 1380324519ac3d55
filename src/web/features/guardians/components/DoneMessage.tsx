import { useEffect, useRef } from 'react';

/**
 * A confirmation shown where the user acted (on the card, beside the form) and focused when it
 * appears, so a screen reader reads it and a phone scrolls it into view (issue 16, item 11).
 */
export function DoneMessage({ message }: { message: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <p ref={ref} className="message message-success" role="status" tabIndex={-1}>
      {message}
    </p>
  );
}
