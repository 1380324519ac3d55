/**
 * The catalog of stable error codes. Clients switch on `error`, people read `message`.
 * Every code is documented in docs/errors.md (a test checks it).
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  INVALID_DATE_RANGE: 400,
  INVALID_REGISTRATION: 400,
  HISTORY_CURSOR_INVALID: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  LOCAL_LOGIN_DISABLED: 403,
  ROLE_FROM_SS12000: 409,
  CSRF_TOKEN_INVALID: 403,
  FORBIDDEN: 403,
  WRONG_PRINCIPAL: 403,
  ABSENCE_REPORT_CLOSED: 409,
  REPORT_DATE_TOO_EARLY: 400,
  REPORT_DATE_TOO_LATE: 400,
  LEAVE_REQUEST_NOT_FOUND: 404,
  LEAVE_REQUEST_DECIDED: 409,
  MESSAGE_NOT_FOUND: 404,
  CALLBACK_TOKEN_INVALID: 401,
  TEMPLATE_INVALID: 400,
  NOT_FOUND: 404,
  LESSON_NOT_FOUND: 404,
  PUPIL_NOT_FOUND: 404,
  CONFLICT: 409,
  LESSON_CANCELLED: 409,
  IMPORT_REJECTED: 422,
  LADDER_INVALID: 400,
  RETENTION_POLICY_INVALID: 400,
  JOB_INTERRUPTED: 500,
  TASK_NOT_FOUND: 404,
  IMPORT_IN_PROGRESS: 409,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_LOGIN_ATTEMPTS: 429,
  RATE_LIMITED: 429,
  CASE_NOT_FOUND: 404,
  CASE_ALREADY_OPEN: 409,
  CASE_CLOSED: 409,
  CASE_NOT_CLOSED: 409,
  MAPPING_ALREADY_COMPLETED: 409,
  INVESTIGATION_ALREADY_OPEN: 409,
  NO_OPEN_INVESTIGATION: 409,
  PUPIL_VOICE_REQUIRED: 409,
  PRIMARY_CAUSE_REQUIRED: 400,
  UNKNOWN_CATALOGUE_CODE: 400,
  FOLLOW_UP_ALREADY_RECORDED: 409,
  FOLLOW_UP_BEFORE_START: 409,
  NOTICE_NOT_FOUND: 404,
  NOTICE_ALREADY_ACKNOWLEDGED: 409,
  HANDOVER_NOT_FOUND: 404,
  UNSUPPORTED_MEDIA_TYPE: 415,
  HEADERS_TOO_LARGE: 431,
  REQUEST_TIMEOUT: 408,
  NOT_ASSIGNABLE: 422,
  LEAVE_NEEDS_PRINCIPAL: 403,
  API_TOKEN_INVALID: 401,
  API_TOKEN_NOT_FOUND: 404,
  PAGE_TOKEN_WITH_FILTERS: 400,
  PAGE_TOKEN_INVALID: 400,
  EXPORT_NOT_FOUND: 404,
  WRITE_CONFLICT: 409,
  LADDER_NO_STEP: 409,
  INTERNAL: 500,
  /** Answered by the start-up page while the first start loads the demo (demo/loading-page.ts). */
  DEMO_LOADING: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorDetail {
  /** JSON path of the offending field, e.g. "/marks/0/minutes". */
  path: string;
  message: string;
}

/** An expected failure with a stable code; never becomes a 500. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

/** 404 for anything the actor may not know exists (style: unreadable = not found). */
export const notFound = (code: ErrorCode = 'NOT_FOUND', message = 'Hittades inte.') => new AppError(code, message);
export const forbidden = (message = 'Du har inte behörighet till detta.') => new AppError('FORBIDDEN', message);
