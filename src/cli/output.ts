/**
 * How the CLI speaks: JSON when asked, plain text otherwise, colour only on a TTY
 * without NO_COLOR, and one mapping from the error catalogue to exit codes.
 */
import { AppError, type ErrorCode } from '../core/errors.js';

export const EXIT: Record<ErrorCode | 'ok' | 'usage', number> = {
  ok: 0,
  usage: 2,
  invalid_input: 2,
  not_found: 3,
  conflict: 4,
  forbidden: 1,
  unauthenticated: 1,
  unavailable: 1,
};

const useColor = (): boolean => !!process.stdout.isTTY && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
const errColor = (): boolean => !!process.stderr.isTTY && !process.env.NO_COLOR && process.env.TERM !== 'dumb';

const wrap = (open: number, close: number, on: () => boolean) => (s: string) => (on() ? `\x1b[${open}m${s}\x1b[${close}m` : s);
export const bold = wrap(1, 22, useColor);
export const dim = wrap(2, 22, useColor);
export const green = wrap(32, 39, useColor);
export const yellow = wrap(33, 39, useColor);
const red = wrap(31, 39, errColor);

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function println(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** Prints an error for a person and returns the exit code for it. */
export function reportError(e: unknown, json: boolean): number {
  if (e instanceof AppError) {
    if (json) {
      process.stderr.write(`${JSON.stringify({ error: { code: e.code, message: e.message, details: e.details } })}\n`);
    } else {
      process.stderr.write(`${red('kith:')} ${e.message}\n`);
      for (const c of e.details.candidates ?? []) {
        process.stderr.write(`  ${c.name}${c.hint ? ` (${c.hint})` : ''}  ${c.id}\n`);
      }
      const issues = e.details.issues ?? [];
      if (issues.length > 1) {
        for (const i of issues.slice(0, 20)) {
          const where = [i.file, i.line].filter((x) => x !== undefined).join(':');
          process.stderr.write(`  ${where ? `${where}: ` : ''}${i.field ? `${i.field}: ` : ''}${i.message}\n`);
        }
        if (issues.length > 20) process.stderr.write(`  … and ${issues.length - 20} more\n`);
      }
    }
    return EXIT[e.code];
  }
  const err = e as Error;
  process.stderr.write(`${red('kith:')} unexpected error: ${err?.message ?? String(e)}\n`);
  if (process.env.KITH_DEBUG) process.stderr.write(`${err?.stack ?? ''}\n`);
  else process.stderr.write('  (set KITH_DEBUG=1 to see where it happened, and please report it)\n');
  return 1;
}
