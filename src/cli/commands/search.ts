/**
 * `kith search <query>`: ranked search across contacts and touchpoints.
 */
import { search as searchOp } from '../../app/search.js';
import { bold, dim, printJson, println } from '../output.js';
import { withApp, type CommandOpts } from '../run.js';

export async function search([words]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const query = (words as string[]).join(' ');
    const r = await searchOp(ctx, query, (o.limit as number | undefined) ?? 20);
    if (o.json) {
      printJson(r);
      return;
    }
    if (r.results.length === 0) {
      println(`Nothing matches "${query}".`);
      return;
    }
    for (const h of r.results) {
      println(h.kind === 'contact' ? `${bold(h.title)}  ${h.detail}  ${dim(h.id)}` : `  ${h.detail}: ${h.title}  ${dim(h.id)}`);
    }
  });
}
