/**
 * One person: profile and context (how we met, topics, boundaries), health with
 * its breakdown, give/ask balance, follow-ups, commitments and the timeline.
 * Everything edits in place.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState, type FormEvent, type ReactNode } from 'react';
import { get, qs, request, send } from '../api/client.js';
import type { BalanceJson, CommitmentsJson, ContactHealthJson, ContactJson, FollowUpJson, TouchPage } from '../api/types.js';
import { CIRCLE_NAMES } from '../components/AddContactForm.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { cssVars } from '../lib/css-vars.js';
import { formatDay } from '../lib/dates.js';
import { useI18n } from '../lib/i18n.js';

const TOUCH_KINDS = ['coffee', 'video', 'call', 'dm', 'email', 'event', 'comment', 'code-review', 'mentoring', 'intro', 'shout-out', 'other'];
const TOPIC_KINDS = ['interest', 'goal', 'side-project', 'challenge', 'can-help', 'looking-for'];
const CHANNELS = ['in-person', 'video', 'phone', 'email', 'linkedin', 'chat', 'social', 'other'];
const LEDGER_KINDS = ['intro', 'resource', 'review', 'mentoring', 'referral', 'recommendation', 'help', 'thanks'];

function useRefresh() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
}

export function ContactPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const { t } = useI18n();
  const contact = useQuery({
    queryKey: ['contact', id],
    queryFn: async () => {
      const r = await request<ContactJson>('GET', `/contacts/${encodeURIComponent(id)}`);
      return { c: r.data, etag: r.etag ?? '*' };
    },
  });
  const [editing, setEditing] = useState(false);
  if (contact.isPending) return <p role="status">{t('Loading…')}</p>;
  if (contact.isError) return <ErrorNote error={contact.error} />;
  const { c, etag } = contact.data;
  return (
    <div className="page">
      <Head c={c} onEdit={() => setEditing((e) => !e)} editing={editing} />
      {editing && <EditForm c={c} etag={etag} onDone={() => setEditing(false)} />}
      <div className="columns">
        <div className="stack">
          <Context c={c} />
          <Health id={c.id} />
          <Balance id={c.id} />
        </div>
        <div className="stack">
          <FollowUps id={c.id} />
          <Commitments id={c.id} />
          <Timeline id={c.id} />
        </div>
      </div>
    </div>
  );
}

function Head({ c, onEdit, editing }: { c: ContactJson; onEdit(): void; editing: boolean }) {
  const { t } = useI18n();
  const refresh = useRefresh();
  const navigate = useNavigate();
  const log = useMutation({ mutationFn: (body: Record<string, unknown>) => send('POST', '/touchpoints', body), onSuccess: refresh });
  function submitLog(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const on = String(f.get('on') ?? '');
    const summary = String(f.get('summary') ?? '').trim();
    log.mutate({ kind: f.get('kind'), by: f.get('by'), with: [c.id], ...(on ? { on } : {}), ...(summary ? { summary } : {}) });
  }
  const trash = useMutation({
    mutationFn: () => send('DELETE', `/contacts/${c.id}`),
    onSuccess: async () => {
      await refresh();
      await navigate({ to: '/contacts' });
    },
  });
  return (
    <header className="contact-head">
      <div>
        <h1>{c.displayName}</h1>
        <p className="muted">
          {[c.title, c.company].filter(Boolean).join(' · ')} {c.location ? ` · ${c.location}` : ''}
        </p>
        <p className="row">
          <span className="pill">{t(c.circle)}</span>
          {c.tags.map((tag) => (
            <span key={tag} className="pill">
              #{tag}
            </span>
          ))}
        </p>
      </div>
      <div className="actions">
        <Link className="button" to="/compose" search={{ who: c.id }}>
          {t('Write a message')}
        </Link>
        <button type="button" onClick={onEdit} aria-expanded={editing}>
          {t('Edit')}
        </button>
        <button type="button" className="quiet danger" onClick={() => trash.mutate()}>
          {t('Move to trash')}
        </button>
      </div>
      <form className="inline-form card log-form" onSubmit={submitLog} aria-label={t('Log a touch')}>
        <label>
          {t('Kind of touch')}
          <select name="kind" defaultValue="dm">
            {TOUCH_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(k)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('Who reached out')}
          <select name="by" defaultValue="me">
            <option value="me">{t('I did')}</option>
            <option value="them">{t('They did')}</option>
          </select>
        </label>
        <label>
          {t('When')}
          <input name="on" type="date" />
        </label>
        <label>
          {t('About')}
          <input name="summary" />
        </label>
        <button type="submit" className="primary" disabled={log.isPending}>
          {t('Log touch')}
        </button>
        <span aria-live="polite" className="ok">
          {log.isSuccess ? t('Logged.') : ''}
        </span>
      </form>
      {log.isError && <ErrorNote error={log.error} />}
    </header>
  );
}

const lines = (s: string): string[] => s.split(/[\n,]/).map((x) => x.trim()).filter(Boolean);

function EditForm({ c, etag, onDone }: { c: ContactJson; etag: string; onDone(): void }) {
  const { t } = useI18n();
  const refresh = useRefresh();
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => send('PATCH', `/contacts/${c.id}`, body, etag),
    onSuccess: async () => {
      await refresh();
      onDone();
    },
  });
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const s = (k: string): string | null => String(f.get(k) ?? '').trim() || null;
    const n = (k: string): number | null => (s(k) ? Number(s(k)) : null);
    const tags = lines(String(f.get('tags') ?? ''));
    const topics = String(f.get('topics') ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => {
        const m = /^([a-z-]+):\s*(.+)$/.exec(l);
        return m && TOPIC_KINDS.includes(m[1] ?? '') ? { kind: m[1], text: m[2] } : { kind: 'interest', text: l };
      });
    save.mutate({
      name: s('name') ?? c.displayName,
      company: s('company'),
      title: s('title'),
      location: s('location'),
      birthday: s('birthday'),
      howMet: s('howMet'),
      circle: s('circle') ?? c.circle,
      cadenceDays: n('cadenceDays'),
      pausedUntil: s('pausedUntil'),
      minGapDays: n('minGapDays'),
      preferredChannel: s('preferredChannel'),
      boundaryNote: s('boundaryNote'),
      notes: String(f.get('notes') ?? ''),
      tags: tags.filter((x) => !c.tags.includes(x)),
      removeTags: c.tags.filter((x) => !tags.includes(x)),
      topics: topics.filter((x) => !c.topics.some((o) => o.kind === x.kind && o.text === x.text)),
      removeTopics: c.topics.filter((o) => !topics.some((x) => x.kind === o.kind && x.text === o.text)).map((o) => o.text),
    });
  }
  const field = (name: string, label: string, value: string | number | null | undefined, type = 'text') => (
    <label>
      {t(label)}
      <input name={name} type={type} defaultValue={value ?? ''} />
    </label>
  );
  return (
    <form className="card stack" onSubmit={submit} aria-label={t('Edit {name}', { name: c.displayName })}>
      <div className="grid-form">
        {field('name', 'Name', c.displayName)}
        {field('company', 'Company', c.company)}
        {field('title', 'Title', c.title)}
        {field('location', 'Location', c.location)}
        {field('birthday', 'Birthday (YYYY-MM-DD or MM-DD)', c.birthday?.replace(/^--/, ''))}
        <label>
          {t('Circle')}
          <select name="circle" defaultValue={c.circle}>
            {CIRCLE_NAMES.map((x) => (
              <option key={x} value={x}>
                {t(x)}
              </option>
            ))}
          </select>
        </label>
        {field('cadenceDays', 'Check in every (days)', c.cadenceDays, 'number')}
        {field('tags', 'Tags (comma separated)', c.tags.join(', '))}
      </div>
      {field('howMet', 'How we met', c.howMet)}
      <label>
        {t('Topics (one per line, e.g. "goal: ship the WASM port")')}
        <textarea name="topics" defaultValue={c.topics.map((x) => `${x.kind}: ${x.text}`).join('\n')} />
      </label>
      <fieldset className="grid-form">
        <legend>{t('Boundaries')}</legend>
        {field('pausedUntil', 'Paused until', c.boundaries.pausedUntil, 'date')}
        {field('minGapDays', 'Minimum days between my touches', c.boundaries.minGapDays, 'number')}
        <label>
          {t('Preferred channel')}
          <select name="preferredChannel" defaultValue={c.boundaries.preferredChannel ?? ''}>
            <option value="">—</option>
            {CHANNELS.map((x) => (
              <option key={x} value={x}>
                {t(x)}
              </option>
            ))}
          </select>
        </label>
        {field('boundaryNote', 'Note', c.boundaries.note)}
      </fieldset>
      <label>
        {t('Notes (Markdown)')}
        <textarea name="notes" defaultValue={c.notes} />
      </label>
      {save.isError && <ErrorNote error={save.error} />}
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('Save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('Cancel')}
        </button>
      </div>
    </form>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function Context({ c }: { c: ContactJson }) {
  const { t, lang } = useI18n();
  const b = c.boundaries;
  const hasBoundaries = b.pausedUntil || b.minGapDays || b.preferredChannel || b.note;
  return (
    <Section title={t('Context')}>
      <dl className="kv">
        <dt>{t('How we met')}</dt>
        <dd>{c.howMet || <span className="muted">{t('Not noted yet: where did you meet, who introduced you?')}</span>}</dd>
        {c.identities.length > 0 && (
          <>
            <dt>{t('Reach')}</dt>
            <dd>{c.identities.map((i) => i.value).join(' · ')}</dd>
          </>
        )}
        {c.birthday && (
          <>
            <dt>{t('Birthday')}</dt>
            <dd>{formatDay(c.birthday, lang)}</dd>
          </>
        )}
        {c.employment.length > 0 && (
          <>
            <dt>{t('Work history')}</dt>
            <dd>{c.employment.map((e) => [e.title, e.company].filter(Boolean).join(' @ ') + (e.from ? ` (${e.from}–${e.to ?? ''})` : '')).join('; ')}</dd>
          </>
        )}
      </dl>
      <h3>{t('Topics')}</h3>
      {c.topics.length === 0 ? (
        <p className="muted">{t('What are they working on, curious about, struggling with? Topics make messages personal.')}</p>
      ) : (
        <ul className="plain">
          {c.topics.map((x, i) => (
            <li key={i}>
              <span className="pill">{t(x.kind)}</span> {x.text}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('Boundaries')}</h3>
      {hasBoundaries ? (
        <dl className="kv">
          {b.pausedUntil && (
            <>
              <dt>{t('Paused until')}</dt>
              <dd>{formatDay(b.pausedUntil, lang)}</dd>
            </>
          )}
          {b.minGapDays != null && (
            <>
              <dt>{t('Minimum gap')}</dt>
              <dd>{t('{n} days', { n: b.minGapDays })}</dd>
            </>
          )}
          {b.preferredChannel && (
            <>
              <dt>{t('Preferred channel')}</dt>
              <dd>{t(b.preferredChannel)}</dd>
            </>
          )}
          {b.note && (
            <>
              <dt>{t('Note')}</dt>
              <dd>{b.note}</dd>
            </>
          )}
        </dl>
      ) : (
        <p className="muted">{t('None set. The agenda respects any you add.')}</p>
      )}
      {c.notes && (
        <>
          <h3>{t('Notes')}</h3>
          {/* The server renders notes to inert HTML (no scripts, no styles, no event handlers). */}
          <div className="notes-html" dangerouslySetInnerHTML={{ __html: c.notesHtml }} />
        </>
      )}
    </Section>
  );
}

function Health({ id }: { id: string }) {
  const { t } = useI18n();
  const h = useQuery({ queryKey: ['contact-health', id], queryFn: () => get<ContactHealthJson>(`/contacts/${id}/health`) });
  return (
    <Section title={t('Health')}>
      {h.isError && <ErrorNote error={h.error} />}
      {h.data && (
        <>
          <p className="health-big" aria-label={t('Health {n} of 100', { n: h.data.score })}>
            {h.data.score}
            <span className="muted"> / 100</span>
          </p>
          <ul className="plain">
            {h.data.components.map((c) => (
              <li key={c.name}>
                <div className="row spread">
                  <strong>{t(c.name)}</strong>
                  <span className="score">{c.score}</span>
                </div>
                <div className="bar" role="presentation">
                  <span ref={cssVars({ '--w': `${c.score}%` })} />
                </div>
                <p className="hint">{c.explanation}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

function Balance({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const refresh = useRefresh();
  const b = useQuery({ queryKey: ['ledger', id], queryFn: () => get<BalanceJson>(`/ledger${qs({ contact: id })}`) });
  const add = useMutation({ mutationFn: (body: Record<string, unknown>) => send('POST', '/ledger', body), onSuccess: refresh });
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    add.mutate({ who: id, direction: f.get('direction'), kind: f.get('kind'), note: String(f.get('note') ?? '') });
    e.currentTarget.reset();
  }
  return (
    <Section title={t('Give and ask')}>
      {b.data && (
        <>
          <p>
            {t('Given {g} · asked {a} · received {r}', { g: b.data.given, a: b.data.asked, r: b.data.received })}
            {' · '}
            <strong>{b.data.balance >= 0 ? t('balance +{n}', { n: b.data.balance }) : t('balance {n}', { n: b.data.balance })}</strong>
          </p>
          {b.data.balance < 0 && <p className="hint">{t('Give first before the next ask: an intro, a resource, a review.')}</p>}
          <ul className="plain">
            {b.data.entries.slice(-5).map((e) => (
              <li key={e.id} className="hint">
                {formatDay(e.occurredOn, lang)} · {t(e.direction)} · {t(e.kind)} {e.note && `· ${e.note}`}
              </li>
            ))}
          </ul>
        </>
      )}
      <form className="inline-form" onSubmit={submit} aria-label={t('Record a give or an ask')}>
        <label>
          {t('Direction')}
          <select name="direction">
            <option value="give">{t('give')}</option>
            <option value="ask">{t('ask')}</option>
            <option value="receive">{t('receive')}</option>
          </select>
        </label>
        <label>
          {t('Kind')}
          <select name="kind">
            {LEDGER_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(k)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('Note')}
          <input name="note" />
        </label>
        <button type="submit">{t('Record')}</button>
      </form>
      {add.isError && <ErrorNote error={add.error} />}
    </Section>
  );
}

function FollowUps({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const refresh = useRefresh();
  const list = useQuery({ queryKey: ['follow-ups', id], queryFn: () => get<{ followUps: FollowUpJson[] }>(`/follow-ups${qs({ contact: id })}`) });
  const add = useMutation({ mutationFn: (body: Record<string, unknown>) => send('POST', '/follow-ups', body), onSuccess: refresh });
  const done = useMutation({ mutationFn: (fid: string) => send('POST', `/follow-ups/${fid}/done`, {}), onSuccess: refresh });
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const due = String(f.get('due') ?? '');
    add.mutate({ who: id, text: String(f.get('text') ?? ''), ...(due ? { due } : {}) });
    e.currentTarget.reset();
  }
  return (
    <Section title={t('Follow-ups')}>
      {list.data?.followUps.length === 0 && <p className="muted">{t('Send an article, ask how it went: note it here with a date.')}</p>}
      <ul className="plain">
        {list.data?.followUps.map((f) => (
          <li key={f.id} className="row spread">
            <span>
              {f.text} {f.dueOn && <span className="hint">· {formatDay(f.dueOn, lang)}</span>}
            </span>
            <button type="button" onClick={() => done.mutate(f.id)}>
              {t('Done')}
            </button>
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={submit} aria-label={t('Add a follow-up')}>
        <label>
          {t('Follow up with')}
          <input name="text" required />
        </label>
        <label>
          {t('By')}
          <input name="due" type="date" />
        </label>
        <button type="submit">{t('Add')}</button>
      </form>
      {add.isError && <ErrorNote error={add.error} />}
    </Section>
  );
}

function Commitments({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const refresh = useRefresh();
  const list = useQuery({ queryKey: ['commitments', id], queryFn: () => get<CommitmentsJson>(`/commitments${qs({ contact: id, all: 1 })}`) });
  const add = useMutation({ mutationFn: (body: Record<string, unknown>) => send('POST', '/commitments', body), onSuccess: refresh });
  const resolve = useMutation({
    mutationFn: ({ cid, status }: { cid: string; status: 'kept' | 'broken' }) => send('POST', `/commitments/${cid}/${status}`, {}),
    onSuccess: refresh,
  });
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const due = String(f.get('due') ?? '');
    add.mutate({ who: id, text: String(f.get('text') ?? ''), theirs: f.get('theirs') === 'on', ...(due ? { due } : {}) });
    e.currentTarget.reset();
  }
  return (
    <Section title={t('Commitments')}>
      {list.data?.commitments.length === 0 && <p className="muted">{t('Every promise counts, however small. Keep them here.')}</p>}
      <ul className="plain">
        {list.data?.commitments.map((c) => (
          <li key={c.id} className="row spread">
            <span>
              {c.direction === 'mine' ? t('You') : t('They')}: {c.text}
              {c.dueOn && <span className={c.overdue ? 'warn' : 'hint'}> · {formatDay(c.dueOn, lang)}</span>}
              {c.status !== 'open' && <span className="pill">{t(c.status)}</span>}
            </span>
            {c.status === 'open' && (
              <span className="row">
                <button type="button" onClick={() => resolve.mutate({ cid: c.id, status: 'kept' })}>
                  {t('Kept')}
                </button>
                <button type="button" className="quiet" onClick={() => resolve.mutate({ cid: c.id, status: 'broken' })}>
                  {t('Broken')}
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={submit} aria-label={t('Add a commitment')}>
        <label>
          {t('Promise')}
          <input name="text" required />
        </label>
        <label>
          {t('Due')}
          <input name="due" type="date" />
        </label>
        <label className="check">
          <input name="theirs" type="checkbox" /> {t('Theirs')}
        </label>
        <button type="submit">{t('Add')}</button>
      </form>
      {add.isError && <ErrorNote error={add.error} />}
    </Section>
  );
}

function Timeline({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const pages = useInfiniteQuery({
    queryKey: ['timeline', id],
    queryFn: ({ pageParam }) => get<TouchPage>(`/contacts/${id}/touchpoints${qs({ limit: 20, cursor: pageParam })}`),
    initialPageParam: '' as string,
    getNextPageParam: (p) => p.nextCursor ?? undefined,
  });
  const touches = pages.data?.pages.flatMap((p) => p.touchpoints) ?? [];
  return (
    <Section title={t('Timeline')}>
      {pages.isSuccess && touches.length === 0 && <p className="muted">{t('No touches yet. Log the first one: a message, a coffee, a comment on their post.')}</p>}
      <ol className="timeline">
        {touches.map((x) => (
          <li key={x.id}>
            <strong>{t(x.kind)}</strong> <span className="hint">{formatDay(x.occurredAt, lang)}</span>
            {x.initiatedBy && <span className="hint"> · {x.initiatedBy === 'me' ? t('you reached out') : t('they reached out')}</span>}
            {x.summary && <p>{x.summary}</p>}
            {x.topics.length > 0 && <p className="hint">{x.topics.join(', ')}</p>}
          </li>
        ))}
      </ol>
      {pages.hasNextPage && (
        <button type="button" onClick={() => void pages.fetchNextPage()}>
          {t('Older')}
        </button>
      )}
    </Section>
  );
}
