import { useCallback, useEffect, useState } from 'react';
import { ApiError, apiGet } from '../api/client';

/** State of one GET. */
export interface ApiQuery<T> {
  data: T | null;
  error: ApiError | null;
  isLoading: boolean;
  /** Fetches again (e.g. after a change); keeps showing the old data meanwhile. */
  reload: () => void;
  /** Replaces the data with a newer copy the caller already has (e.g. a PUT's response). */
  setData: (data: T) => void;
}

/**
 * Loads a GET path and refetches whenever the path changes. Stale answers are dropped, so a
 * quick change of filters never shows an older result last.
 * @param path the full path with query, or null to load nothing yet
 */
export function useApiQuery<T>(path: string | null): ApiQuery<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [isLoading, setIsLoading] = useState(path !== null);
  const [generation, setGeneration] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` is the reload trigger (reload() bumps it).
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setIsLoading(true);
    apiGet<T>(path, controller.signal)
      .then((result) => {
        setData(result);
        setError(null);
      })
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setError(caught instanceof ApiError ? caught : new ApiError(0, 'UNKNOWN', String(caught)));
      })
      .finally(() => {
        if (!controller.signal.aborted) setIsLoading(false);
      });
    return () => controller.abort();
  }, [path, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, isLoading, reload, setData };
}
