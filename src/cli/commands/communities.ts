/**
 * `kith community …`: add, list, show, join, leave.
 */
import {
  addCommunity,
  joinCommunity,
  leaveCommunity,
  listCommunities,
  showCommunity,
  type CommunityView,
  type Participation,
} from '../../app/communities.js';
import { shortId, withoutOwner } from '../../app/network-schemas.js';
import { bold, dim, green, printJson, println, yellow } from '../output.js';
import { withApp, type CommandOpts, str } from '../run.js';

const strs = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

function state(p: Participation): string {
  if (p.state === 'due' || p.state === 'never') return yellow('due');
  if (p.state === 'ok') return green('ok');
  return dim('–');
}

function line(c: CommunityView): string {
  const members = `${c.members.length} ${c.members.length === 1 ? 'member' : 'members'}`;
  return `${state(c.participation).padEnd(3)}  ${bold(c.name)}  ${dim(members)}  ${dim(shortId(c.id))}`;
}

export async function add([name]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const c = await addCommunity(ctx, { name, url: o.url, cadenceDays: o.cadence, members: o.member, notes: o.notes });
    if (o.json) printJson(withoutOwner(c));
    else println(`Added ${bold(c.name)}${c.cadenceDays ? ` (take part every ${c.cadenceDays} days)` : ''}  ${dim(c.id)}`);
  });
}

export async function list(_: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const r = await listCommunities(ctx, { on: str(o.on) });
    if (o.json) {
      printJson(r);
      return;
    }
    if (r.communities.length === 0) {
      println('No communities yet: kith community add "Rust Berlin" --cadence 30');
      return;
    }
    for (const c of r.communities) {
      println(line(c));
      if (c.participation.state !== 'no-cadence') println(`     ${dim(c.participation.message)}`);
    }
  });
}

export async function show([ref]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const r = await showCommunity(ctx, String(ref), { on: str(o.on) });
    if (o.json) {
      printJson(r);
      return;
    }
    const c = r.community;
    println(`${bold(c.name)}  ${dim(c.id)}`);
    if (c.url) println(`  ${dim('url')}      ${c.url}`);
    if (c.cadenceDays) println(`  ${dim('cadence')}  every ${c.cadenceDays} days`);
    println(`  ${state(c.participation)}  ${c.participation.message}`);
    if (c.notes.trim()) println(`\n${c.notes.trim()}`);
    println(`\n${bold('Members')}${c.members.length ? '' : dim('  none yet (kith community join <community> <who>)')}`);
    for (const m of c.members) println(`  ${m.name}`);
    if (c.events.length) {
      println(`\n${bold('Events')}`);
      for (const e of c.events) println(`  ${e.startsOn}  ${e.name}${e.location ? dim(`  ${e.location}`) : ''}`);
    }
  });
}

async function membership(ref: unknown, who: unknown, o: CommandOpts, join: boolean): Promise<void> {
  await withApp(o, async (ctx) => {
    const input = { community: ref, who: strs(who) };
    const c = join ? await joinCommunity(ctx, input) : await leaveCommunity(ctx, input);
    const r = await showCommunity(ctx, c.id);
    if (o.json) printJson(r.community);
    else println(`${bold(c.name)} members: ${r.community.members.map((m) => m.name).join(', ') || 'none'}.`);
  });
}

export async function join([ref, who]: unknown[], o: CommandOpts): Promise<void> {
  await membership(ref, who, o, true);
}

export async function leave([ref, who]: unknown[], o: CommandOpts): Promise<void> {
  await membership(ref, who, o, false);
}
