import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';

/**
 * One URL query value as state (empty string when absent); setting '' removes it. Other
 * parameters are kept, and the history entry is replaced so filters do not flood "back".
 * The router applies URL changes in a transition, so the new value is also kept locally until
 * the URL has it: a checkbox or text field shows the user's change at once, never the old value.
 */
export function useSearchParam(name: string): [string, (value: string, alsoClear?: string[]) => void] {
  const [params, setParams] = useSearchParams();
  const urlValue = params.get(name) ?? '';
  const [pending, setPending] = useState<{ value: string } | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new URL value (back, forward, a link) drops the pending one.
  useEffect(() => {
    setPending(null);
  }, [urlValue]);

  const setValue = useCallback(
    (next: string, alsoClear: string[] = []) => {
      setPending({ value: next });
      setParams(
        (previous) => {
          const updated = new URLSearchParams(previous);
          if (next) updated.set(name, next);
          else updated.delete(name);
          for (const key of alsoClear) updated.delete(key);
          return updated;
        },
        { replace: true },
      );
    },
    [name, setParams],
  );
  return [pending ? pending.value : urlValue, setValue];
}
