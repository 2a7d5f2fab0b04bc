/**
 * `kith today`: the agenda, printed. A module of its own so the command loads only what it
 * needs (it has its own bundle, see scripts/build.mjs).
 */
import { agenda } from '../../app/agenda.js';
import { agendaView } from '../../app/views.js';
import { bold, dim, green, printJson, println } from '../output.js';
import { withApp, type CommandOpts, str } from '../run.js';


export async function today(_: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const a = await agenda(ctx, { on: str(o.on), limit: o.limit as number | undefined });
    if (o.json) {
      printJson(agendaView(a));
      return;
    }
    if (a.items.length === 0) {
      println(`Nothing needs you today (${a.date}). A good day to write, or to reach out to someone you miss.`);
      return;
    }
    println(bold(`Today, ${a.date}`));
    a.items.forEach((item, i) => {
      const who = item.contacts.map((c) => c.name).join(', ') || (item.kind === 'blog-cadence' ? 'Your writing' : item.kind);
      println(`\n${bold(`${i + 1}.`)} ${bold(who)}  ${dim(item.kind)}`);
      println(`   ${item.reason}`);
      println(`   ${green('→')} ${item.suggestion}`);
    });
    println(dim(`\nkith done <n> when it's done · kith snooze <n> --until DATE · kith log <kind> --with <who>`));
  });
}
