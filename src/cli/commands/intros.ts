/**
 * `kith intro …`: suggest, propose, ask, accept, made, decline, list.
 */
import { listIntros, moveIntro, proposeIntro, suggestIntros, type IntroView } from '../../app/introductions.js';
import { shortId } from '../../app/network-schemas.js';
import type { IntroStatus } from '../../core/types.js';
import { bold, dim, green, printJson, println } from '../output.js';
import { withApp, type CommandOpts, str } from '../run.js';


const NEXT: Record<IntroStatus, string> = {
  proposed: 'next: ask both of them, then `kith intro ask`',
  asked: 'next: `kith intro accept` when both agree, or `kith intro decline`',
  accepted: 'next: write the introduction, then `kith intro made`',
  made: 'done',
  declined: 'closed',
};

function line(i: IntroView): string {
  return `${i.status.padEnd(9)} ${bold(i.a.name)} ↔ ${bold(i.b.name)}  ${dim(i.reason)}  ${dim(shortId(i.id))}`;
}

export async function suggest(_: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const suggestions = await suggestIntros(ctx, { limit: o.limit as number | undefined });
    if (o.json) {
      printJson({ suggestions });
      return;
    }
    if (suggestions.length === 0) {
      println(
        'No introductions to suggest. Add what people are looking for and can help with:\n  kith contact edit anna --topic looking-for:"a Rust mentor"',
      );
      return;
    }
    for (const s of suggestions) println(`${bold(s.aName)} ↔ ${bold(s.bName)}\n  ${s.reasons.join('\n  ')}`);
    println(dim('\nkith intro propose <a> <b> --reason TEXT'));
  });
}

export async function propose([a, b]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const i = await proposeIntro(ctx, { a, b, reason: o.reason });
    if (o.json) printJson(i);
    else
      println(
        `Proposed ${bold(i.a.name)} ↔ ${bold(i.b.name)}  ${dim(i.id)}\n${NEXT.proposed.replace('`kith intro ask`', `kith intro ask ${shortId(i.id)}`)}`,
      );
  });
}

export function move(status: IntroStatus) {
  return async ([ref]: unknown[], o: CommandOpts): Promise<void> => {
    await withApp(o, async (ctx) => {
      const r = await moveIntro(ctx, status, { intro: String(ref), on: str(o.on) });
      if (o.json) {
        printJson(r);
        return;
      }
      const i = r.intro;
      println(`${bold(i.a.name)} ↔ ${bold(i.b.name)}: ${green(i.status)}. ${dim(NEXT[i.status])}`);
      if ('touchpoint' in r) println(dim(`Logged the introduction with both, and a give for each.`));
    });
  };
}

export async function list(_: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const intros = await listIntros(ctx, { status: str(o.status) });
    if (o.json) {
      printJson({ introductions: intros });
      return;
    }
    if (intros.length === 0) {
      println('No introductions yet: kith intro suggest');
      return;
    }
    for (const i of intros) println(line(i));
  });
}
