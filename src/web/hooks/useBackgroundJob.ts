import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobResponse } from '@shared/schemas/jobs';
import { ApiError, apiGet } from '../api/client';
import { api } from '../api/endpoints';

/** How often a running job is asked for its progress. */
const POLL_MS = 700;

export interface JobState<T> {
  status: 'idle' | JobResponse['status'];
  progress: { done: number; total: number };
  result: T | null;
  /** An ApiError with the server's Swedish message when the start or the job failed. */
  error: unknown;
}

const IDLE: JobState<never> = { status: 'idle', progress: { done: 0, total: 0 }, result: null, error: null };

/**
 * Starts a background job (a POST answering 202 with a job id) and follows it until it is done or
 * failed. Starting again, or unmounting, stops following the earlier one.
 */
export function useBackgroundJob<T>() {
  const [state, setState] = useState<JobState<T>>(IDLE);
  const run = useRef(0);
  useEffect(
    () => () => {
      run.current++;
    },
    [],
  );

  const start = useCallback(async (begin: () => Promise<{ jobId: string }>): Promise<T | null> => {
    const mine = ++run.current;
    setState({ ...IDLE, status: 'queued' });
    try {
      const { jobId } = await begin();
      for (;;) {
        if (mine !== run.current) return null;
        const job = await apiGet<JobResponse>(api.jobPath(jobId));
        if (mine !== run.current) return null;
        if (job.status === 'done') {
          setState({ status: 'done', progress: job.progress, result: job.result as T, error: null });
          return job.result as T;
        }
        if (job.status === 'failed') {
          setState({
            status: 'failed',
            progress: job.progress,
            result: null,
            error: new ApiError(500, job.error?.code ?? 'INTERNAL', job.error?.message ?? ''),
          });
          return null;
        }
        setState({ status: job.status, progress: job.progress, result: null, error: null });
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    } catch (caught) {
      if (mine === run.current) setState({ ...IDLE, status: 'failed', error: caught });
      return null;
    }
  }, []);

  return { ...state, isRunning: state.status === 'queued' || state.status === 'running', start };
}
