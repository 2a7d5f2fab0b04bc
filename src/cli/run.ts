/**
 * Runs one command against the local user's data: opens the store, runs, closes,
 * and turns any error into a message and an exit code.
 */
import type { Ctx } from '../app/ports.js';
import { openApp } from '../app/session.js';
import { reportError } from './output.js';

export type CommandOpts = Record<string, unknown> & { json?: boolean };

/** Opens kith, runs `fn`, and sets the exit code. */
export async function withApp(opts: CommandOpts, fn: (ctx: Ctx) => Promise<void>): Promise<void> {
  let app: Awaited<ReturnType<typeof openApp>> | undefined;
  try {
    app = await openApp(process.env);
    await fn(app.ctx);
  } catch (e) {
    process.exitCode = reportError(e, !!opts.json);
  } finally {
    await app?.close().catch(() => {});
  }
}

/** `--topic kind:text` → a topic; a bare text is an interest. */
export function parseTopicOption(raw: string): { kind: string; text: string } {
  const m = /^([a-z-]+):(.*)$/s.exec(raw);
  if (m && m[1] && ['interest', 'goal', 'side-project', 'challenge', 'can-help', 'looking-for'].includes(m[1])) {
    return { kind: m[1], text: (m[2] ?? '').trim() };
  }
  return { kind: 'interest', text: raw.trim() };
}

/** An option's value when it is text (commander gives `true` for a flag without its value). */
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
