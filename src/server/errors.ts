/**
 * The one mapping from the error catalogue to HTTP statuses, and the error body.
 */
import { AppError, type ErrorCode } from '../core/errors.js';

export const HTTP_STATUS: Record<ErrorCode, 400 | 401 | 403 | 404 | 409 | 503> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
};

/** Codes only HTTP has: conditional requests, size limits, rate limits. */
export type HttpOnlyCode =
  | 'precondition_failed'
  | 'precondition_required'
  | 'payload_too_large'
  | 'rate_limited'
  | 'method_not_allowed'
  | 'integrity_check_pending'
  | 'integrity_check_failed';

/** Why a server that just started refuses writes (see app/safety.ts watchIntegrity): the body's code. */
const INTEGRITY_REASONS = new Set<string>(['integrity_check_pending', 'integrity_check_failed']);

export interface ErrorBody {
  error: { code: ErrorCode | HttpOnlyCode | 'internal'; message: string; details: Record<string, unknown> };
}

/** An HTTP-level refusal that has no place in the app's catalogue (412, 413, 428…). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: HttpOnlyCode | ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** The body and status for any thrown value; unexpected errors hide their internals. */
export function errorResponse(e: unknown): { status: number; body: ErrorBody; headers: Record<string, string> } {
  if (e instanceof HttpError) {
    return { status: e.status, body: { error: { code: e.code, message: e.message, details: e.details } }, headers: {} };
  }
  if (e instanceof AppError) {
    // The catalogue has no "too many requests"; login backoff marks its `unavailable` so HTTP can say 429.
    if (e.code === 'unavailable' && e.details.reason === 'rate_limited') {
      const retry = Number(e.details.retryAfterSeconds ?? 1);
      return {
        status: 429,
        body: { error: { code: 'rate_limited', message: e.message, details: e.details } },
        headers: { 'Retry-After': String(retry) },
      };
    }
    // Writes while the start-up integrity check runs (retry soon), or after it failed (restore a backup).
    if (e.code === 'unavailable' && INTEGRITY_REASONS.has(String(e.details.reason))) {
      const retry = e.details.retryAfterSeconds;
      return {
        status: 503,
        body: { error: { code: e.details.reason as HttpOnlyCode, message: e.message, details: e.details } },
        headers: retry === undefined ? {} : { 'Retry-After': String(retry) },
      };
    }
    return {
      status: HTTP_STATUS[e.code],
      body: { error: { code: e.code, message: e.message, details: e.details } },
      headers: {},
    };
  }
  return {
    status: 500,
    body: { error: { code: 'internal', message: 'Something went wrong on our side; it has been logged.', details: {} } },
    headers: {},
  };
}
