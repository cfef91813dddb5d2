import type { z } from 'zod';

/**
 * One table of error codes: it drives the HTTP status, the problem+json body and the docs.
 * Codes are stable: clients may branch on them.
 */
export const errorCatalog = {
  malformed_json: { status: 400, title: 'Malformed JSON body' },
  bad_request: { status: 400, title: 'Bad request' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  invalid_credentials: { status: 401, title: 'Wrong e-mail or password' },
  token_expired: { status: 401, title: 'Token expired or revoked' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  request_timeout: { status: 408, title: 'Request timeout' },
  conflict: { status: 409, title: 'Conflict' },
  email_taken: { status: 409, title: 'E-mail already in use' },
  siret_taken: { status: 409, title: 'SIRET already registered' },
  invalid_state: { status: 409, title: 'Not allowed in the current state' },
  slot_full: { status: 409, title: 'No place left in this immersion slot' },
  not_a_forum: { status: 409, title: 'Only forums have employer stands' },
  link_invalid: { status: 410, title: 'Link invalid, used or expired' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  headers_too_large: { status: 431, title: 'Request headers too large' },
  validation_failed: { status: 422, title: 'Validation failed' },
  too_many_requests: { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal server error' },
  unavailable: { status: 503, title: 'Service unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCatalog;

export interface FieldError {
  /** JSON path of the field at fault, dot-separated (`mobility.maxCommuteMinutes`, `skills.2`). */
  path: string;
  /** Stable machine code: `required`, `too_small`, `invalid_siret`, `unknown_commune`… */
  code: string;
  message: string;
}

/** A domain or HTTP error with a stable code; everything that leaves the API goes through it. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? errorCatalog[code].title);
  }
  get status(): number {
    return errorCatalog[this.code].status;
  }
}

export class ValidationError extends AppError {
  constructor(readonly errors: FieldError[], detail = 'One or more fields are invalid.') {
    super('validation_failed', detail, { errors });
  }
  static field(path: string, code: string, message: string): ValidationError {
    return new ValidationError([{ path, code, message }], message);
  }
}

export class NotFoundError extends AppError {
  constructor(what = 'Resource') {
    super('not_found', `${what} not found.`);
  }
}

export class ForbiddenError extends AppError {
  constructor(detail = 'Your role does not allow this action.') {
    super('forbidden', detail);
  }
}

/** A refused state transition: 409 with the current state and, when known, the moves allowed from it. */
export class InvalidStateError extends AppError {
  constructor(currentState: string, detail: string, allowedTransitions?: { action: string; to: string }[]) {
    super('invalid_state', detail, allowedTransitions ? { currentState, allowedTransitions } : { currentState });
  }
}

/**
 * Maps zod issues to field errors with stable codes (custom refinements set params.code).
 * Given the raw input, a field that is absent is reported as `required` whatever its type.
 */
export function fieldErrorsFromZod(issues: readonly z.core.$ZodIssue[], prefix: string[] = [], input?: unknown): FieldError[] {
  return issues.map((issue) => {
    let code: string = issue.code;
    const absent =
      ['invalid_type', 'invalid_value', 'invalid_union'].includes(issue.code) &&
      (input === undefined ? /received undefined/.test(issue.message) : valueAt(input, issue.path) === undefined);
    if (issue.code === 'custom') code = (issue.params?.code as string | undefined) ?? 'invalid';
    else if (absent) code = 'required';
    // `invalid_email`, `invalid_date`…; a bare pattern says only that the format is wrong.
    else if (issue.code === 'invalid_format') code = issue.format === 'regex' ? 'invalid_format' : `invalid_${issue.format}`;
    return { path: [...prefix, ...issue.path.map(String)].join('.'), code, message: issue.message };
  });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || value === undefined) return undefined;
    // A scalar where the schema expects more (`?x=a` preprocessed into ['a']) is present.
    if (typeof value !== 'object') return value;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
