/**
 * The one error catalogue. Every face translates these codes exactly once:
 * HTTP status in server/, exit code in cli/, wording in web/.
 */
export type ErrorCode = 'invalid_input' | 'not_found' | 'conflict' | 'forbidden' | 'unauthenticated' | 'unavailable';

/** One problem with an input: the field (or `file:line`) and what is wrong with it. */
export interface FieldIssue {
  /** Dotted path of the field, e.g. `name` or `emails.1`. */
  field?: string;
  /** 1-based line in the input file, for imports. */
  line?: number;
  /** Source file, for imports. */
  file?: string;
  message: string;
}

export interface AppErrorDetails {
  issues?: FieldIssue[];
  /** For ambiguous references: the candidates a person can choose from. */
  candidates?: Array<{ id: string; name: string; hint?: string }>;
  [key: string]: unknown;
}

/** An expected failure with a code from the catalogue and a message meant for a person. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: AppErrorDetails;

  constructor(code: ErrorCode, message: string, details: AppErrorDetails = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

/** Shorthand for an invalid_input error about one field. */
export function invalidField(field: string, message: string): AppError {
  return new AppError('invalid_input', `${field}: ${message}`, { issues: [{ field, message }] });
}

export function notFound(what: string, ref: string): AppError {
  return new AppError('not_found', `No ${what} matches "${ref}".`);
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
