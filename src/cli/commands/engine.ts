/**
 * Handlers for the engine commands (see register-engine.ts).
 */
import { readFileSync } from 'node:fs';
import { markDone, snooze as snoozeOp } from '../../app/agenda-items.js';
import { capture as captureOp } from '../../app/capture.js';
import { loadDemo } from '../../app/demo.js';
import { listCommitments, promise as promiseOp, resolveCommitment } from '../../app/commitments.js';
import { draftCheck as draftCheckOp } from '../../app/draft.js';
import { addFollowUp, completeFollowUp, listFollowUps } from '../../app/follow-ups.js';
import { healthOf, networkHealthOf } from '../../app/health.js';
import { balanceWith, recordLedger, thank as thankOp } from '../../app/ledger.js';
import { bold, dim, green, printJson, println, yellow } from '../output.js';
import { withApp, type CommandOpts, str } from '../run.js';

const short = (id: string): string => id.slice(-8);

export async function snooze([item]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const r = await snoozeOp(ctx, { item, until: o.until, on: o.on });
    if (o.json) printJson(r);
    else println(`Snoozed ${r.itemId} until ${r.snoozedUntil}.`);
  });
}

export async function done([item]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const r = await markDone(ctx, { item: String(item), on: str(o.on) });
    if (o.json) printJson(r);
    else println(`Done: ${r.itemId}.`);
  });
}

export async function health([who]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    if (typeof who === 'string') {
      const h = await healthOf(ctx, who, str(o.on));
      if (o.json) {
        printJson({ contact: h.contact, date: h.date, score: h.score, components: h.components });
        return;
      }
      println(`${bold(h.contact.name)}  health ${bold(String(h.score))}/100`);
      for (const c of h.components) println(`  ${c.name.padEnd(12)} ${String(c.score).padStart(3)}  ${dim(c.explanation)}`);
      return;
    }
    const n = await networkHealthOf(ctx, str(o.on));
    if (o.json) {
      printJson(n);
      return;
    }
    println(`${bold('Network health')} on ${n.date}: ${n.count} people, median ${n.median ?? '–'}`);
    const widest = Math.max(1, ...n.distribution.map((b) => b.count));
    for (const b of n.distribution)
      println(`  ${`${b.from}–${b.to}`.padStart(6)} ${'█'.repeat(Math.round((b.count / widest) * 30)).padEnd(30)} ${b.count}`);
    if (n.drifting.length) {
      println(`\n${yellow('Drifting')}`);
      for (const d of n.drifting.slice(0, 10))
        println(`  ${d.name.padEnd(28)} ${String(d.score).padStart(3)}  ${dim(d.reasons.join('; '))}`);
    }
  });
}

export async function draftCheck([who]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const text = o.text === '-' ? readFileSync(0, 'utf8') : String(o.text ?? '');
    const r = await draftCheckOp(ctx, { who, text, channel: str(o.channel), language: str(o.language) });
    if (o.json) {
      printJson({ score: r.score, findings: r.findings, suggestions: r.suggestions });
      return;
    }
    println(`${bold(`${r.score}/100`)} for a message to ${r.contact.name}`);
    for (const f of r.findings) println(`  ${yellow('!')} ${f.message}`);
    if (r.suggestions.length) println(`\n${bold('Make it personal')}`);
    for (const s of r.suggestions) println(`  ${green('→')} ${s.message}`);
  });
}

export async function capture([text]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const r = await captureOp(ctx, { text, on: str(o.on), dryRun: !!o.dryRun });
    if (o.json) {
      printJson(r);
      return;
    }
    const name = new Map(r.contacts.map((c) => [c.id, c.name]));
    const verb = r.dryRun ? 'Would log' : 'Logged';
    if (r.touchpoint) {
      const t = r.touchpoint;
      println(
        `${verb} ${t.kind} with ${t.participantIds.map((id) => name.get(id)).join(', ')} on ${t.occurredAt.slice(0, 10)}${t.topics.length ? ` about ${t.topics.join(', ')}` : ''}.`,
      );
    }
    for (const c of r.commitments) {
      println(
        `${r.dryRun ? 'Would record' : 'Recorded'} ${c.direction === 'mine' ? 'your promise to' : 'a promise from'} ${name.get(c.contactId)}: ${c.text}${c.dueOn ? ` (due ${c.dueOn})` : ''}`,
      );
    }
    for (const f of r.followUps)
      println(
        `${r.dryRun ? 'Would add' : 'Added'} follow-up with ${name.get(f.contactId)}: ${f.text}${f.dueOn ? ` (due ${f.dueOn})` : ''}`,
      );
    for (const i of r.issues) println(dim(`  note: ${i.message}`));
  });
}

export function ledger(direction: 'give' | 'ask' | 'receive') {
  return async ([who, kind]: unknown[], o: CommandOpts): Promise<void> => {
    await withApp(o, async (ctx) => {
      const e = await recordLedger(ctx, { who, direction, kind, note: str(o.note), on: str(o.on) });
      if (o.json) printJson(e);
      else
        println(
          `Recorded: ${direction === 'receive' ? 'received' : direction === 'give' ? 'gave' : 'asked'} ${e.kind}${e.note ? ` (${e.note})` : ''} on ${e.occurredOn}.`,
        );
    });
  };
}

export async function thank([who]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const e = await thankOp(ctx, { who: String(who), note: str(o.note), isPublic: !!o.public, on: str(o.on) });
    if (o.json) printJson(e);
    else println(`Thanks recorded${e.isPublic ? ' (in public)' : ''} on ${e.occurredOn}.`);
  });
}

export async function balance([who]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const b = await balanceWith(ctx, String(who));
    if (o.json) {
      printJson(b);
      return;
    }
    println(
      `${bold(b.contact.name)}: gave ${b.given}, asked ${b.asked}, received ${b.received} (balance ${b.balance >= 0 ? '+' : ''}${b.balance})`,
    );
    for (const e of b.entries)
      println(`  ${e.occurredOn}  ${e.direction.padEnd(7)} ${e.kind}${e.note ? `  ${dim(e.note)}` : ''}`);
  });
}

export async function promise([who, text]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const c = await promiseOp(ctx, { who, text, due: str(o.due), theirs: !!o.theirs });
    if (o.json) printJson(c);
    else
      println(
        `Recorded ${c.direction === 'mine' ? 'your promise' : 'their promise'}: ${c.text}${c.dueOn ? ` (due ${c.dueOn})` : ''}  ${dim(c.id)}`,
      );
  });
}

export function resolve(status: 'kept' | 'broken') {
  return async ([ref]: unknown[], o: CommandOpts): Promise<void> => {
    await withApp(o, async (ctx) => {
      const c = await resolveCommitment(ctx, String(ref), status, str(o.on));
      if (o.json) printJson(c);
      else println(`${status === 'kept' ? 'Kept' : 'Broken'}: ${c.text} (${c.resolvedOn}).`);
    });
  };
}

export async function commitments([who]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const r = await listCommitments(ctx, { who: str(who), all: !!o.all, on: str(o.on) });
    if (o.json) {
      printJson(r);
      return;
    }
    if (r.commitments.length === 0) println('No open promises.');
    for (const c of r.commitments) {
      const due = c.dueOn ? (c.overdue ? yellow(`overdue since ${c.dueOn}`) : `due ${c.dueOn}`) : 'no date';
      println(
        `  ${dim(short(c.id))}  ${c.direction === 'mine' ? 'you → ' : '← '}${c.contactName.padEnd(22)} ${c.text}  ${dim(`${due}${c.status !== 'open' ? ` · ${c.status}` : ''}`)}`,
      );
    }
    if (r.keptOnTimeRate !== null)
      println(`\nKept on time: ${Math.round(r.keptOnTimeRate * 100)}% of your promises with a due date.`);
  });
}

export async function followUpAdd([who, text]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const f = await addFollowUp(ctx, { who, text, due: str(o.due) });
    if (o.json) printJson(f);
    else println(`Follow-up added${f.dueOn ? ` for ${f.dueOn}` : ''}: ${f.text}  ${dim(f.id)}`);
  });
}

export async function followUpDone([ref]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const f = await completeFollowUp(ctx, String(ref));
    if (o.json) printJson(f);
    else println(`Done: ${f.text}.`);
  });
}

export async function followUpList([who]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const rows = await listFollowUps(ctx, { who: str(who), all: !!o.all });
    if (o.json) {
      printJson({ followUps: rows });
      return;
    }
    if (rows.length === 0) println('No open follow-ups.');
    for (const f of rows)
      println(
        `  ${dim(short(f.id))}  ${f.contactName.padEnd(22)} ${f.text}  ${dim(f.dueOn ? `due ${f.dueOn}` : '')}${f.doneAt ? dim(' · done') : ''}`,
      );
  });
}

export async function demo(_: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const r = await loadDemo(ctx, str(o.on));
    if (o.json) {
      printJson(r);
      return;
    }
    println(
      `Loaded a demo network: ${r.contacts} people, ${r.touchpoints} touchpoints over the past year, ${r.commitments} promises, ${r.followUps} follow-ups.`,
    );
    println(
      `Try:  kith today   ·   kith health   ·   kith contact show anna   ·   kith draft check anna --text "Happy holidays!"`,
    );
  });
}
