import { useState, type FormEvent } from 'react';

/**
 * The state of one form's submit: runs the call, keeps the error to show, and reports success
 * with a message for the page's live region.
 */
export function useSubmit(run: () => Promise<unknown>, onDone: () => void) {
  const [error, setError] = useState<unknown>(null);
  const [isSaving, setIsSaving] = useState(false);
  const handleSubmit = async (event?: FormEvent) => {
    event?.preventDefault();
    setError(null);
    setIsSaving(true);
    try {
      await run();
      onDone();
    } catch (caught) {
      setError(caught);
    } finally {
      setIsSaving(false);
    }
  };
  return { error, isSaving, onSubmit: (event?: FormEvent) => void handleSubmit(event) };
}

