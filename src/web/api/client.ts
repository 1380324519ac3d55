import type { Static, TSchema } from 'typebox';
import type { Endpoint } from '@shared/schemas/endpoints';
import i18n from '../i18n';

/**
 * Typed fetch wrapper for the Närvaro API: same-origin cookies, the CSRF header on every
 * state-changing call, and one error type carrying the server's code and Swedish message.
 */

/** One field problem as the server reports it (`{path, message}`). */
export interface ApiErrorDetail {
  path: string;
  message: string;
}

/** A failed API call. `message` is the server's human-readable (Swedish) text: show it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** `details` as field problems, when the server sent that shape. */
  get fieldProblems(): ApiErrorDetail[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is ApiErrorDetail =>
        typeof d === 'object' && d !== null && 'message' in d && typeof d.message === 'string',
    );
  }

  /** The actor may not see the thing, or it does not exist (the server answers both as 403/404). */
  get isNotFoundOrForbidden(): boolean {
    return this.status === 403 || this.status === 404;
  }
}

/** Raised when the network itself failed (no HTTP status). */
export const NETWORK_ERROR_CODE = 'NETWORK_ERROR';

const networkError = (): ApiError => new ApiError(0, NETWORK_ERROR_CODE, i18n.t('errors.network'));

let csrfToken: string | null = null;
let handleUnauthorized: (() => void) | null = null;

/** Remembers the session's CSRF token (from Me); `null` after logout. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Registers what happens when any call answers 401 (the session ended): the auth provider signs out locally. */
export function onUnauthorized(handler: (() => void) | null): void {
  handleUnauthorized = handler;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
type QueryValue = string | number | undefined | null;

/** Builds `/api/...?a=b`, leaving out empty query values. */
export function apiPath(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** Headers for a state-changing request. */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'X-CSRF-Token': csrfToken } : {};
}

/** Turns a non-2xx response body into an ApiError (falls back to a generic Swedish message). */
export function toApiError(status: number, body: unknown): ApiError {
  if (typeof body === 'object' && body !== null && 'error' in body && 'message' in body) {
    const b = body as { error: unknown; message: unknown; details?: unknown };
    return new ApiError(status, String(b.error), String(b.message), b.details);
  }
  return new ApiError(status, `HTTP_${status}`, i18n.t('errors.http', { status }));
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // A proxy or crash page answered instead of the API: report the status, not a parse error.
    return undefined;
  }
}

/** Notifies the auth provider when a call shows the session is gone. */
export function reportStatus(status: number, path: string): void {
  if (status === 401 && !path.startsWith('/api/auth/')) handleUnauthorized?.();
}

/**
 * Sends one request and returns the parsed JSON body.
 * @throws ApiError for any non-2xx answer or a network failure
 */
export async function request<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') Object.assign(headers, csrfHeaders());
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw networkError();
  }
  const data = parseJson(await response.text());
  if (!response.ok) {
    reportStatus(response.status, path);
    throw toApiError(response.status, data);
  }
  return data as T;
}

/** GET helper. */
export const apiGet = <T>(path: string, signal?: AbortSignal): Promise<T> => request<T>('GET', path, undefined, signal);
/** POST helper. */
export const apiPost = <T>(path: string, body?: unknown): Promise<T> => request<T>('POST', path, body);
/** PUT helper. */
export const apiPut = <T>(path: string, body?: unknown): Promise<T> => request<T>('PUT', path, body);
/** DELETE helper. */
export const apiDelete = (path: string): Promise<void> => request<void>('DELETE', path);

/**
 * Uploads multipart form data with XMLHttpRequest, which (unlike fetch) reports upload progress.
 * @param onProgress called with the share sent, 0..1
 * @throws ApiError like `request`
 */
export function uploadForm<T>(path: string, form: FormData, onProgress: (share: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    });
    xhr.upload.addEventListener('load', () => onProgress(1));
    xhr.addEventListener('load', () => {
      const data = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as T);
      else {
        reportStatus(xhr.status, path);
        reject(toApiError(xhr.status, data));
      }
    });
    xhr.addEventListener('error', () => reject(networkError()));
    xhr.send(form);
  });
}

/** A GET path whose JSON answer is `T`; useApiQuery takes the type from it. */
export type ApiPath<T> = string & { readonly __answer?: T };

type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;
/** The values of a path template's `:name` parts. */
export type PathParams<P extends string> = { [Name in ParamNames<P>]: string };
/** The JSON answer of an endpoint (undefined when it answers 204). */
export type AnswerOf<E extends Endpoint> = E['response'] extends TSchema ? Static<E['response']> : undefined;
/** The body of an endpoint, when the contract has its schema. */
export type BodyOf<E extends Endpoint> = E['body'] extends TSchema ? Static<E['body']> : unknown;

/** The URL of an endpoint: path values encoded, empty query values left out. */
export function urlOf<E extends Endpoint>(
  endpoint: E,
  params: PathParams<E['path']>,
  query?: Record<string, QueryValue>,
): ApiPath<AnswerOf<E>> {
  const values = params as Record<string, string>;
  return apiPath(
    endpoint.path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(values[name])),
    query,
  );
}

/** Calls an endpoint of src/shared/schemas/endpoints.ts. */
export function callApi<E extends Endpoint>(
  endpoint: E,
  params: PathParams<E['path']>,
  body?: BodyOf<E>,
): Promise<AnswerOf<E>> {
  return request<AnswerOf<E>>(endpoint.method, urlOf(endpoint, params), body);
}
