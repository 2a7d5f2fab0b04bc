/**
 * `kith coach`, `kith coach start|goal`, `kith review`: the habit coach and the weekly review.
 */
import { coachStart, coachStatus, setWeeklyGoal, weeklyReviewOp } from '../../app/coach.js';
import { bold, dim, green, printJson, println, yellow } from '../output.js';
import { withApp, type CommandOpts, str } from '../run.js';


export async function start(_: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const r = await coachStart(ctx, { pick: o.pick, on: str(o.on) });
    if (o.json) {
      printJson(r);
      return;
    }
    if (r.mode === 'set') {
      println(`Your starting circle: ${r.circle.map((c) => bold(c.name)).join(', ')}.`);
      println('They are in your inner circle now (a check-in every month) and tagged starting-circle.');
      println(dim('Set a weekly goal with `kith coach goal 3`, and see how it goes with `kith coach`.'));
      return;
    }
    if (r.circle.length) println(`Your starting circle today: ${r.circle.map((c) => c.name).join(', ')}.\n`);
    if (r.suggestions.length === 0) {
      println('Add a few people you would like to know better first: kith contact add "Anna Schmidt" --circle inner');
      return;
    }
    println(bold(r.circle.length ? 'People to widen your circle with' : 'Start small: 3–5 people'));
    r.suggestions.forEach((s, i) => println(`${i + 1}. ${s.reason}`));
    println(
      dim(
        `\nkith coach start ${r.suggestions
          .slice(0, 3)
          .map((s) => `--pick ${JSON.stringify(s.name)}`)
          .join(' ')}`,
      ),
    );
  });
}

export async function goal([n]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const raw = String(n);
    const r = await setWeeklyGoal(ctx, { goal: /^\d+$/.test(raw) ? Number(raw) : raw });
    if (o.json) printJson(r);
    else println(`Weekly goal: ${r.weeklyGoal} ${r.weeklyGoal === 1 ? 'touch' : 'touches'} a week.`);
  });
}

export async function status(_: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const s = await coachStatus(ctx, { on: str(o.on) });
    if (o.json) {
      printJson(s);
      return;
    }
    println(bold(`Week of ${s.thisWeek.weekStart}`));
    println(s.summary);
    println(
      `\n${s.weeks.map((w) => `${w.weekStart.slice(5)} ${w.met ? green('●') : w.current ? '○' : dim('·')} ${w.count}`).join('  ')}`,
    );
    if (s.circle.length) {
      println(`\n${bold('Starting circle')}`);
      for (const c of s.circle) println(`  ${c.name}  ${dim(c.lastTouchOn ? `last touch ${c.lastTouchOn}` : 'no touch yet')}`);
    } else println(dim('\nNo starting circle yet: kith coach start'));
    if (s.widen.message) println(`\n${yellow('→')} ${s.widen.message}`);
  });
}

export async function review(_: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const r = await weeklyReviewOp(ctx, { on: str(o.on) });
    if (o.json) {
      printJson(r);
      return;
    }
    println(bold(`Weekly review ${r.from} – ${r.to}`));
    println(r.summary);
    println(
      `\n  touches      ${r.touches.count}${r.touches.goal ? ` of ${r.touches.goal}` : ''} (${r.touches.byMe} by you, ${r.touches.byThem} by them)`,
    );
    println(
      `  promises     ${r.commitments.kept} kept (${r.commitments.keptOnTime} on time), ${r.commitments.broken} broken, ${r.commitments.open} open, ${r.commitments.overdue} overdue`,
    );
    println(`  give / ask   ${r.ledger.gives} / ${r.ledger.asks}${r.ledger.receives ? `, received ${r.ledger.receives}` : ''}`);
    println(`  streak       ${r.streak.current} ${r.streak.current === 1 ? 'week' : 'weeks'} (longest ${r.streak.longest})`);
    if (r.drifted.length) {
      println(`\n${yellow('Drifted')}`);
      for (const d of r.drifted) println(`  ${d.name}  ${dim(`due ${d.dueOn}, ${d.daysOverdue} days overdue`)}`);
    }
    if (r.suggestions.length) {
      println(`\n${bold('Next week')}`);
      for (const s of r.suggestions) println(`  ${green('→')} ${s}`);
    }
  });
}
