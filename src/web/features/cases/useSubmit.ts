import { useState, type FormEvent } from 'react';

/**
 * The state of one action (a form's submit or a button): runs the call, keeps the error to
 * show, and reports success so the page can announce it and reload.
 */
export function useSubmit<A extends unknown[] = []>(run: (...args: A) => Promise<unknown>, onDone: () => void) {
  const [error, setError] = useState<unknown>(null);
  const [isSaving, setIsSaving] = useState(false);
  const perform = async (...args: A) => {
    setError(null);
    setIsSaving(true);
    try {
      await run(...args);
      onDone();
    } catch (caught) {
      setError(caught);
    } finally {
      setIsSaving(false);
    }
  };
  return {
    error,
    isSaving,
    /** For a button or a select: runs with the given arguments. */
    run: (...args: A) => void perform(...args),
    /** For a form without arguments. */
    onSubmit: (event?: FormEvent) => {
      event?.preventDefault();
      void perform(...([] as unknown as A));
    },
  };
}
