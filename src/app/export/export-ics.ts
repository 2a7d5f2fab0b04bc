/**
 * What kith puts in a calendar: open commitments, follow-ups and birthdays of the
 * next 90 days, as all-day events with stable UIDs (a re-export updates a
 * subscribed calendar rather than duplicating it).
 */
import { addDays, nextBirthday } from '../../core/days.js';
import type { Commitment, Contact, Day, FollowUp, Id } from '../../core/types.js';
import type { IcsFeedItem } from '../../formats/ics.js';

export const ICS_WINDOW_DAYS = 90;

export interface CalendarInputs {
  contacts: ReadonlyArray<Pick<Contact, 'id' | 'displayName' | 'birthday' | 'deletedAt'>>;
  commitments: Commitment[];
  followUps: FollowUp[];
  today: Day;
}

/** The calendar items due from `today` through the next 90 days, sorted by day. */
export function calendarItems(input: CalendarInputs): IcsFeedItem[] {
  const { today } = input;
  const last = addDays(today, ICS_WINDOW_DAYS);
  const inWindow = (d: Day | null | undefined): d is Day => !!d && d >= today && d <= last;
  const names = new Map<Id, string>();
  for (const c of input.contacts) if (!c.deletedAt) names.set(c.id, c.displayName);
  const items: IcsFeedItem[] = [];
  for (const x of input.commitments) {
    const who = names.get(x.contactId);
    if (!who || x.status !== 'open' || !inWindow(x.dueOn)) continue;
    items.push({
      uid: `commitment-${x.id}@kith`,
      day: x.dueOn,
      summary: x.direction === 'mine' ? `Promised ${who}: ${x.text}` : `${who} promised: ${x.text}`,
      description:
        x.direction === 'mine'
          ? 'A promise of yours falls due. Keeping small promises is what people remember.'
          : `Check whether ${who} kept this.`,
    });
  }
  for (const f of input.followUps) {
    const who = names.get(f.contactId);
    if (!who || f.doneAt || !inWindow(f.dueOn)) continue;
    items.push({ uid: `follow-up-${f.id}@kith`, day: f.dueOn, summary: `Follow up with ${who}: ${f.text}` });
  }
  for (const c of input.contacts) {
    if (c.deletedAt || !c.birthday) continue;
    const day = nextBirthday(c.birthday, today);
    if (!inWindow(day)) continue;
    const age = c.birthday.startsWith('--') ? null : Number(day.slice(0, 4)) - Number(c.birthday.slice(0, 4));
    items.push({
      uid: `birthday-${c.id}-${day.slice(0, 4)}@kith`,
      day,
      summary: `${c.displayName}'s birthday${age && age > 0 ? ` (${age})` : ''}`,
    });
  }
  return items.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
}
