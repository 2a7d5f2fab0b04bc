/**
 * `kith contact …`: add, edit, list, show, rm, restore, merge.
 */
import {
  createContact,
  editContact,
  listContacts,
  mergeContactsOp,
  resolveContact,
  restoreContact,
  trashContact,
} from '../../app/contacts.js';
import { contactView, touchpointView } from '../../app/views.js';
import type { Contact } from '../../core/types.js';
import { bold, dim, printJson, println } from '../output.js';
import { parseTopicOption, withApp, type CommandOpts } from '../run.js';

/** Turns CLI flags into the shared contact input (the same fields the API takes). */
function fieldsFrom(o: CommandOpts): Record<string, unknown> {
  const f: Record<string, unknown> = {};
  const set = (key: string, value: unknown): void => {
    if (value !== undefined) f[key] = value;
  };
  set('emails', o.email);
  set('phones', o.phone);
  set('links', o.link);
  set('company', o.company);
  set('title', o.title);
  set('circle', o.circle);
  set('cadenceDays', o.cadence);
  set('topics', (o.topic as string[] | undefined)?.map(parseTopicOption));
  set('tags', o.tag);
  set('birthday', o.birthday);
  set('howMet', o.howMet);
  set('introducedBy', o.introducedBy);
  set('location', o.location);
  set('timeZone', o.timeZone);
  set('notes', o.notes);
  set('name', o.name);
  set('pausedUntil', o.pausedUntil);
  set('minGapDays', o.minGap);
  set('preferredChannel', o.preferredChannel);
  set('boundaryNote', o.boundaryNote);
  set('removeTags', o.removeTag);
  set('removeTopics', o.removeTopic);
  return f;
}

function line(c: Contact): string {
  const job = [c.title, c.company].filter(Boolean).join(' at ');
  return `${bold(c.displayName)}${job ? `  ${job}` : ''}  ${dim(`${c.circle} · ${c.id}`)}`;
}

export async function add([name]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const c = await createContact(ctx, { ...fieldsFrom(o), name });
    if (o.json) printJson(contactView(c));
    else println(`Added ${line(c)}`);
  });
}

export async function edit([who]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const c = await editContact(ctx, { ...fieldsFrom(o), who });
    if (o.json) printJson(contactView(c));
    else println(`Updated ${line(c)}`);
  });
}

export async function list(_: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const contacts = await listContacts(ctx, {
      circle: o.circle as string | undefined,
      tag: o.tag as string | undefined,
      trash: !!o.trash,
      limit: o.limit as number | undefined,
    });
    if (o.json) {
      printJson({ contacts: contacts.map(contactView) });
      return;
    }
    if (contacts.length === 0) {
      println(
        o.trash
          ? 'The trash is empty.'
          : 'No contacts yet. Start with 3–5 people you would like to know better:\n  kith contact add "Anna Schmidt" --circle inner',
      );
      return;
    }
    for (const c of contacts) println(line(c));
  });
}

export async function show([who]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const c = await resolveContact(ctx, String(who));
    const touchpoints = await ctx.store.listTouchpoints(ctx.userId, { contactId: c.id, limit: 20 });
    if (o.json) {
      printJson({ ...contactView(c), touchpoints: touchpoints.map(touchpointView) });
      return;
    }
    println(line(c));
    for (const i of c.identities) println(`  ${dim(i.kind.padEnd(8))} ${i.value}`);
    if (c.birthday) println(`  ${dim('birthday')} ${c.birthday.replace(/^--/, '')}`);
    if (c.howMet) println(`  ${dim('met')}      ${c.howMet}`);
    for (const t of c.topics) println(`  ${dim(t.kind.padEnd(8))} ${t.text}`);
    if (c.tags.length) println(`  ${dim('tags')}     ${c.tags.join(', ')}`);
    if (c.boundaries.pausedUntil) println(`  ${dim('paused')}   until ${c.boundaries.pausedUntil}`);
    if (c.notes.trim()) println(`\n${c.notes.trim()}`);
    if (touchpoints.length) {
      println(`\n${bold('Timeline')}`);
      for (const t of touchpoints) println(`  ${t.occurredAt.slice(0, 10)}  ${t.kind.padEnd(11)} ${t.summary}`);
    }
  });
}

export async function rm([who]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const c = await trashContact(ctx, String(who));
    if (o.json) printJson(contactView(c));
    else println(`Moved ${c.displayName} to the trash (kith contact restore ${JSON.stringify(c.displayName)} brings them back).`);
  });
}

export async function restore([who]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const c = await restoreContact(ctx, String(who));
    if (o.json) printJson(contactView(c));
    else println(`Restored ${line(c)}`);
  });
}

export async function merge([keep, other]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const c = await mergeContactsOp(ctx, String(keep), String(other));
    if (o.json) printJson(contactView(c));
    else println(`Merged into ${line(c)}`);
  });
}
