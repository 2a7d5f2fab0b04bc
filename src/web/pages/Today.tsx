/**
 * Today: the short ranked agenda, each item with its reason and a next step, and
 * one click to log a touch, snooze or mark it done.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { get, qs, send } from '../api/client.js';
import type { AgendaItem, AgendaJson, ContactPage } from '../api/types.js';
import { AddContactForm } from '../components/AddContactForm.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { addDays, formatDay } from '../lib/dates.js';
import { useI18n } from '../lib/i18n.js';

/** Agenda kinds as a person reads them (the server sends the kind's code). */
const KIND_LABELS: Record<string, string> = {
  commitment: 'Your promise',
  'their-commitment': 'Their promise',
  'follow-up': 'Follow-up',
  reply: 'Awaiting your reply',
  checkin: 'Check-in',
  birthday: 'Birthday',
  'post-event': 'After the event',
  'job-change': 'New job',
  'reader-response': 'Reader response',
  'blog-cadence': 'Writing',
  'give-first': 'Give first',
  thanks: 'Say thank you',
  intro: 'Introduction',
  community: 'Community',
};

export const QUICK_KINDS = ['dm', 'email', 'call', 'video', 'coffee', 'comment'] as const;

export function Today() {
  const { t, lang } = useI18n();
  const agenda = useQuery({ queryKey: ['agenda'], queryFn: () => get<AgendaJson>('/agenda') });
  const any = useQuery({ queryKey: ['contacts', 'any'], queryFn: () => get<ContactPage>(`/contacts${qs({ limit: 1 })}`) });
  const empty = any.data && any.data.contacts.length === 0;

  return (
    <div className="page today">
      <header className="page-head">
        <h1>{t('Today')}</h1>
        {agenda.data && <p className="muted">{formatDay(agenda.data.date, lang)}</p>}
      </header>
      {agenda.isError && <ErrorNote error={agenda.error} />}
      {agenda.isPending && <p role="status">{t('Loading…')}</p>}
      {empty ? (
        <section className="empty card">
          <h2>{t("Start with 3–5 people you'd like to know better")}</h2>
          <p>
            {t(
              'Not everyone you know: a few people you want to stay close to. kith will remind you when it is time to reach out, and why. Widen the circle once the habit holds.',
            )}
          </p>
          <AddContactForm />
          <p className="hint">
            {t('Or bring everyone in at once:')} <Link to="/import">{t('import your LinkedIn connections or a vCard file')}</Link>.
          </p>
        </section>
      ) : (
        agenda.data &&
        (agenda.data.items.length === 0 ? (
          <section className="empty card">
            <h2>{t('Nothing is due today')}</h2>
            <p>{t('Your people are in good shape. A good moment to give first: share an article, make an introduction, thank someone.')}</p>
          </section>
        ) : (
          <ol className="agenda" aria-label={t('Agenda')}>
            {agenda.data.items.map((item) => (
              <AgendaRow key={item.id} item={item} today={agenda.data.date} />
            ))}
          </ol>
        ))
      )}
      <p className="hint">
        {t('Tip: press C anywhere to capture what happened in one line.')}
      </p>
    </div>
  );
}

function AgendaRow({ item, today }: { item: AgendaItem; today: string }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [kind, setKind] = useState<string>('dm');
  const [snoozeDays, setSnoozeDays] = useState('7');
  const [done, setDone] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
  const act = useMutation({
    mutationFn: async (what: 'log' | 'snooze' | 'done') => {
      if (what === 'log') {
        await send('POST', '/touchpoints', { kind, with: item.contacts.map((c) => c.id), by: 'me' });
        return t('Logged.');
      }
      if (what === 'snooze') {
        await send('POST', `/agenda/${encodeURIComponent(item.id)}/snooze`, { until: addDays(today, Number(snoozeDays)) });
        return t('Snoozed.');
      }
      await send('POST', `/agenda/${encodeURIComponent(item.id)}/done`, {});
      return t('Done.');
    },
    onSuccess: async (msg) => {
      setDone(msg);
      await refresh();
    },
  });
  const names = item.contacts.map((c) => c.name).join(', ');
  const first = item.contacts[0];
  return (
    <li className="agenda-item card">
      <div className="agenda-main">
        <p className="agenda-kind">{t(KIND_LABELS[item.kind] ?? item.kind)}</p>
        <h2 className="agenda-who">
          {item.contacts.length === 0
            ? t('You')
            : item.contacts.map((c, i) => (
                <span key={c.id}>
                  {i > 0 && ', '}
                  <Link to="/contacts/$id" params={{ id: c.id }}>
                    {c.name}
                  </Link>
                </span>
              ))}
        </h2>
        <p className="reason">{item.reason}</p>
        {item.suggestion && <p className="suggestion">→ {item.suggestion}</p>}
      </div>
      <div className="agenda-actions" role="group" aria-label={t('Actions for {who}', { who: names || t(item.kind) })}>
        {item.contacts.length > 0 && (
          <span className="joined">
            <label>
              <span className="sr-only">{t('Kind of touch')}</span>
              <select value={kind} onChange={(e) => setKind(e.target.value)}>
                {QUICK_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(k)}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="primary" disabled={act.isPending} onClick={() => act.mutate('log')}>
              {t('Log touch')}
            </button>
          </span>
        )}
        <span className="joined">
          <label>
            <span className="sr-only">{t('Snooze for')}</span>
            <select value={snoozeDays} onChange={(e) => setSnoozeDays(e.target.value)}>
              <option value="1">{t('1 day')}</option>
              <option value="7">{t('1 week')}</option>
              <option value="30">{t('1 month')}</option>
            </select>
          </label>
          <button type="button" disabled={act.isPending} onClick={() => act.mutate('snooze')}>
            {t('Snooze')}
          </button>
        </span>
        <button type="button" disabled={act.isPending} onClick={() => act.mutate('done')}>
          {t('Done')}
        </button>
        {first && (
          <Link className="button quiet" to="/compose" search={{ who: first.id }}>
            {t('Write')}
          </Link>
        )}
      </div>
      <p aria-live="polite" className="ok">{done}</p>
      {act.isError && <ErrorNote error={act.error} />}
    </li>
  );
}
