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

export interface ErrorBody {
  error: { code: ErrorCode | 'internal'; message: string; details: Record<string, unknown> };
}

/** The body and status for any thrown value; unexpected errors hide their internals. */
export function errorResponse(e: unknown): { status: number; body: ErrorBody } {
  if (e instanceof AppError) {
    return { status: HTTP_STATUS[e.code], body: { error: { code: e.code, message: e.message, details: e.details } } };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'Something went wrong on our side; it has been logged.', details: {} } } };
}
