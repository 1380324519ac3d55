import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * One URL query value as state (empty string when absent); setting '' removes it. Other
 * parameters are kept, and the history entry is replaced so filters do not flood "back".
 */
export function useSearchParam(name: string): [string, (value: string, alsoClear?: string[]) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get(name) ?? '';
  const setValue = useCallback((next: string, alsoClear: string[] = []) => {
    setParams((previous) => {
      const updated = new URLSearchParams(previous);
      if (next) updated.set(name, next);
      else updated.delete(name);
      for (const key of alsoClear) updated.delete(key);
      return updated;
    }, { replace: true });
  }, [name, setParams]);
  return [value, setValue];
}
