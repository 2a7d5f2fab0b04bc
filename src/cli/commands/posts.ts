/**
 * `kith post …` and `kith writing`: posts, responses, replies, who would care, and the posting cadence.
 */
import { shortId, withoutOwner } from '../../app/network-schemas.js';
import { addPost, addResponse, listPosts, markReplied, postCare, setPostingGoal, writingStatus } from '../../app/writing.js';
import type { ContactMatch } from '../../core/matching.js';
import { bold, dim, green, printJson, println, yellow } from '../output.js';
import { withApp, type CommandOpts, str } from '../run.js';


/** Prints "who would care" matches; shared with `kith resource care`. */
export function printMatches(matches: ContactMatch[], none: string): void {
  if (matches.length === 0) {
    println(none);
    return;
  }
  for (const m of matches) println(`  ${bold(m.name)}  ${dim(m.reasons.join('; '))}`);
}

export async function add([title]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const p = await addPost(ctx, { title, on: o.on, url: o.url, topics: o.topic, summary: o.summary });
    if (o.json) printJson(withoutOwner(p));
    else println(`Added ${bold(p.title)} (${p.publishedOn})  ${dim(p.id)}\nWho would care: kith post care ${shortId(p.id)}`);
  });
}

export async function list(_: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const posts = await listPosts(ctx);
    if (o.json) {
      printJson({ posts });
      return;
    }
    if (posts.length === 0) {
      println('No posts yet: kith post add "Title" --on YYYY-MM-DD (or import your feed).');
      return;
    }
    for (const p of posts) {
      const resp = p.responses ? `  ${p.responses} ${p.responses === 1 ? 'response' : 'responses'}` : '';
      const waiting = p.awaitingReply ? yellow(`, ${p.awaitingReply} awaiting reply`) : '';
      println(`${p.publishedOn}  ${bold(p.title)}${dim(resp)}${waiting}  ${dim(shortId(p.id))}`);
    }
  });
}

export async function response([post]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const r = await addResponse(ctx, { post, from: o.from, author: o.author, summary: o.summary, on: o.on });
    if (o.json) printJson(withoutOwner(r));
    else println(`Recorded the response ${dim(r.id)}\nWhen you have answered: kith post replied ${shortId(r.id)}`);
  });
}

export async function replied([ref]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const r = await markReplied(ctx, { response: String(ref), on: str(o.on) });
    if (o.json) printJson(withoutOwner(r));
    else println(`Answered on ${r.repliedAt?.slice(0, 10)}.`);
  });
}

export async function care([ref]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const r = await postCare(ctx, String(ref));
    if (o.json) {
      printJson(r);
      return;
    }
    println(`Who would care about ${bold(r.post.title)}`);
    printMatches(r.matches, '  Nobody yet: add topics to the post, or interests to your contacts.');
  });
}

export async function writing(_: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    if (o.goal !== undefined) {
      const g = String(o.goal);
      await setPostingGoal(ctx, { postsPerMonth: /^\d+(\.\d+)?$/.test(g) ? Number(g) : g });
    }
    const w = await writingStatus(ctx, { on: str(o.on) });
    if (o.json) {
      printJson(w);
      return;
    }
    const c = w.cadence;
    println(bold(`Writing on ${w.date}`));
    println(w.summary);
    if (c.goalPerPeriod > 0) {
      const recent = c.periods.slice(-6);
      println(
        `\n${recent.map((p) => `${p.start}${p.end !== p.start ? `…${p.end}` : ''} ${p.met ? green('●') : p.current ? '○' : dim('·')} ${p.count}`).join('   ')}`,
      );
      if (c.lastPostOn) println(dim(`Last post ${c.lastPostOn} (${c.daysSinceLastPost} days ago).`));
    }
    if (w.awaitingReply.length) {
      println(`\n${bold('Awaiting your reply')}`);
      for (const r of w.awaitingReply)
        println(`  ${r.from.name} on “${r.post.title}”  ${dim(`${r.waitingDays} days · ${shortId(r.id)}`)}\n    ${r.summary}`);
      println(dim('\nkith post replied <id> once answered'));
    }
  });
}
