/**
 * `kith event …`: add, list, show, met.
 */
import { addEvent, listEvents, markMet, showEvent, type EventView } from '../../app/events.js';
import { shortId } from '../../app/network-schemas.js';
import type { KithEvent } from '../../core/types.js';
import { bold, dim, green, printJson, println } from '../output.js';
import { withApp, type CommandOpts, str } from '../run.js';

const strs = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : undefined);

function when(e: Pick<KithEvent, 'startsOn' | 'endsOn'>): string {
  return e.endsOn ? `${e.startsOn} – ${e.endsOn}` : e.startsOn;
}

function line(e: EventView): string {
  const met = e.attendees.filter((a) => a.met).length;
  const people = e.attendees.length ? `  ${e.attendees.length} there, ${met} met` : '';
  const where = [e.location, e.community?.name].filter(Boolean).join(' · ');
  return `${when(e)}  ${bold(e.name)}${where ? `  ${where}` : ''}${dim(people)}  ${dim(shortId(e.id))}`;
}

function printEvent(e: EventView): void {
  println(`${bold(e.name)}  ${when(e)}  ${dim(e.id)}`);
  if (e.location) println(`  ${dim('where')}      ${e.location}`);
  if (e.url) println(`  ${dim('url')}        ${e.url}`);
  if (e.community) println(`  ${dim('community')}  ${e.community.name}`);
  if (e.notes.trim()) println(`\n${e.notes.trim()}`);
  if (e.attendees.length) {
    println(`\n${bold('People')}`);
    for (const a of e.attendees) println(`  ${a.met ? green('met  ') : dim('there')}  ${a.name}`);
  }
}

export async function add([name]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const e = await addEvent(ctx, {
      name,
      on: o.on,
      until: o.until,
      where: o.where,
      url: o.url,
      community: o.community,
      met: strs(o.met),
      attended: strs(o.attended),
      notes: o.notes,
    });
    if (o.json) {
      printJson(await showEvent(ctx, e.id));
      return;
    }
    const met = e.attendees.filter((a) => a.met).length;
    println(`Added ${bold(e.name)} on ${when(e)}  ${dim(e.id)}`);
    if (met) println(`kith will remind you to follow up with the ${met === 1 ? 'person' : `${met} people`} you met.`);
  });
}

export async function list(_: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const events = await listEvents(ctx, { community: str(o.community), who: str(o.with) });
    if (o.json) {
      printJson({ events });
      return;
    }
    if (events.length === 0) {
      println('No events yet. After the next meetup: kith event add "Rust Berlin" --on YYYY-MM-DD --met <who>');
      return;
    }
    for (const e of events) println(line(e));
  });
}

export async function show([ref]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const e = await showEvent(ctx, String(ref));
    if (o.json) printJson(e);
    else printEvent(e);
  });
}

export async function met([ref, who]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const e = await markMet(ctx, { event: ref, who: strs(who) ?? [] });
    const view = await showEvent(ctx, e.id);
    if (o.json) printJson(view);
    else
      println(
        `Met at ${bold(e.name)}: ${view.attendees
          .filter((a) => a.met)
          .map((a) => a.name)
          .join(', ')}.`,
      );
  });
}
