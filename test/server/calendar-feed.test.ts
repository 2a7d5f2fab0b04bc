/**
 * The calendar feed, served over HTTP and read back by two independent parsers:
 * ical.js and Debian's python3-icalendar.
 */
import { execFileSync } from 'node:child_process';
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calendarFeedItems } from '../../src/app/account-calendar-feed.js';
import { createContact, trashContact } from '../../src/app/contacts.js';
import { promise, resolveCommitment } from '../../src/app/commitments.js';
import { addFollowUp, completeFollowUp } from '../../src/app/follow-ups.js';
import { Client, testServer, type TestServer } from './harness.js';

// T0 is 2026-11-26.
async function seed(t: TestServer): Promise<void> {
  const ctx = t.ownerCtx;
  await createContact(ctx, { name: 'Anna Schmidt', birthday: '12-24' });
  await createContact(ctx, { name: 'Bo, the; tester', birthday: '1990-01-10' });
  await createContact(ctx, { name: 'Far Away', birthday: '--06-01' });
  const gone = await createContact(ctx, { name: 'Trashed Person', birthday: '12-01' });
  await trashContact(ctx, gone.id);
  await promise(ctx, { who: 'anna', text: 'send the WASM GC article', due: '2026-12-01' });
  await promise(ctx, { who: 'anna', text: 'their promise', due: '2026-12-02', theirs: true });
  const kept = await promise(ctx, { who: 'anna', text: 'kept already', due: '2026-12-03' });
  await resolveCommitment(ctx, kept.id, 'kept');
  await promise(ctx, { who: 'anna', text: 'no date' });
  await addFollowUp(ctx, { who: 'bo', text: 'ask about the talk', due: '2026-11-30' });
  const done = await addFollowUp(ctx, { who: 'bo', text: 'done already', due: '2026-11-29' });
  await completeFollowUp(ctx, done.id);
}

const EXPECTED = [
  ['2026-11-30', 'Follow up with Bo, the; tester: ask about the talk'],
  ['2026-12-01', 'Promised Anna Schmidt: send the WASM GC article'],
  ['2026-12-24', "Anna Schmidt's birthday"],
  ['2027-01-10', "Bo, the; tester's birthday"],
];

describe('calendar feed', () => {
  let t: TestServer;
  let feed: string;
  beforeEach(async () => {
    t = await testServer('sqlite');
    await seed(t);
    const me = new Client(t.app);
    await me.login('owner@example.com');
    const url = (await me.post('/api/v1/calendar-feed')).body.url as string;
    const r = await new Client(t.app).get(new URL(url).pathname);
    expect(r.status).toBe(200);
    feed = r.text;
  });
  afterEach(async () => t.cleanup());

  it('holds my open dated commitments, follow-ups due and birthdays in the next 90 days', async () => {
    const items = await calendarFeedItems(t.ownerCtx, '2026-11-26');
    expect(items.map((i) => [i.day, i.summary])).toEqual(EXPECTED);
    expect(new Set(items.map((i) => i.uid)).size).toBe(items.length);
  });

  it('parses with ical.js', () => {
    const cal = new ICAL.Component(ICAL.parse(feed));
    const events = cal.getAllSubcomponents('vevent').map((v) => {
      const e = new ICAL.Event(v);
      return [e.startDate.toString(), e.summary];
    });
    expect(events).toEqual(EXPECTED);
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('kith');
  });

  it('parses with python3-icalendar', () => {
    const script = [
      'import sys, json, icalendar',
      'cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())',
      'print(json.dumps([[str(e.get("dtstart").dt), str(e.get("summary"))] for e in cal.walk("VEVENT")]))',
    ].join('\n');
    const out = execFileSync('/usr/bin/python3', ['-c', script], { input: feed, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(EXPECTED);
  });
});
