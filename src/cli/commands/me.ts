/**
 * `kith me`: the user's own profile (name, emails, profile URLs, scheduling link, goals).
 */
import { profileOf } from '../../app/session.js';
import { updateProfile } from '../../app/profile.js';
import { printJson, println, dim } from '../output.js';
import { withApp, type CommandOpts } from '../run.js';

export async function me(_: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const changes: Record<string, unknown> = {};
    if (o.name !== undefined) changes.name = o.name;
    if (o.email !== undefined) changes.addEmails = o.email;
    const urls = [...((o.url as string[] | undefined) ?? []), ...(o.linkedin ? [o.linkedin as string] : [])];
    if (urls.length) changes.addUrls = urls;
    if (o.schedulingLink !== undefined) changes.schedulingLink = o.schedulingLink;
    if (o.timeZone !== undefined) changes.timeZone = o.timeZone;
    if (o.weeklyGoal !== undefined) changes.weeklyGoal = o.weeklyGoal;
    if (o.dailyBudget !== undefined) changes.dailyBudget = o.dailyBudget;
    const p = Object.keys(changes).length ? await updateProfile(ctx, changes) : await profileOf(ctx);
    const { ownerId: _o, ...view } = p;
    if (o.json) {
      printJson(view);
      return;
    }
    println(p.name || dim('(no name yet: kith me --name "Your Name")'));
    for (const e of p.emails) println(`  ${dim('email')}    ${e}`);
    for (const u of p.urls) println(`  ${dim('url')}      ${u}`);
    if (p.schedulingLink) println(`  ${dim('booking')}  ${p.schedulingLink}`);
    println(`  ${dim('goal')}     ${p.weeklyGoal} touchpoints a week, ${p.dailyBudget} items a day, time zone ${p.timeZone}`);
  });
}
