/**
 * `kith contact duplicates`: contacts that are probably one person, with the merge command for each.
 */
import { findDuplicates } from '../../app/duplicates.js';
import { bold, dim, printJson, println } from '../output.js';
import { withApp, type CommandOpts } from '../run.js';

export async function duplicatesCmd(_args: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const list = await findDuplicates(ctx, { limit: typeof o.limit === 'number' ? o.limit : undefined });
    if (o.json) {
      printJson({ duplicates: list });
      return;
    }
    if (list.length === 0) {
      println('No likely duplicates.');
      return;
    }
    for (const d of list) {
      const [a, b] = d.contacts;
      if (!a || !b) continue;
      const who = (c: { name: string; company: string | null }) => `${bold(c.name)}${c.company ? ` (${c.company})` : ''}`;
      println(`${who(a)} ~ ${who(b)}  ${dim(`${d.score}: ${d.reasons.join(', ')}`)}`);
      println(dim(`  kith contact merge ${a.id} ${b.id}`));
    }
  });
}
