/**
 * Contacts: a virtualized list that stays smooth at 10 000 people, with search
 * as you type and filters by circle, tag, status and health.
 */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { get, qs } from '../api/client.js';
import type { ContactListJson, ContactPage, NetworkHealthJson } from '../api/types.js';
import { AddContactForm, CIRCLE_NAMES } from '../components/AddContactForm.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { bandOf, HEALTH_BANDS, STATUSES, statusOf, type ContactStatus, type StatusFields } from '../lib/contact-status.js';
import { cssVars } from '../lib/css-vars.js';
import { useI18n } from '../lib/i18n.js';
import { useDebounced } from '../lib/use-debounced.js';
import { useProfile } from '../lib/use-profile.js';

const PAGE = 500;
const ROW = 64;

/**
 * What the list keeps of a contact: what a row shows and what the status filter reads. A full
 * contact (notes, identities, employment) is ~2 KB; holding 10 000 of them made the heap large
 * enough that garbage collection alone made long tasks while scrolling.
 */
type Row = StatusFields & Pick<ContactListJson, 'id' | 'displayName' | 'title' | 'company' | 'tags'>;

const toRow = (c: ContactListJson): Row => ({
  id: c.id,
  displayName: c.displayName,
  title: c.title,
  company: c.company,
  tags: c.tags,
  circle: c.circle,
  cadenceDays: c.cadenceDays,
  lastTouchAt: c.lastTouchAt,
  boundaries: { pausedUntil: c.boundaries?.pausedUntil ?? null },
});

export function Contacts() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [circle, setCircle] = useState('');
  const [tag, setTag] = useState('');
  const [status, setStatus] = useState('');
  const [health, setHealth] = useState('');
  const [adding, setAdding] = useState(false);
  const query = useDebounced(q.trim(), 150);
  const tagQ = useDebounced(tag.trim(), 300);
  const profile = useProfile();
  const today = new Date().toISOString().slice(0, 10);

  const list = useInfiniteQuery({
    queryKey: ['contacts', 'list', query, circle, tagQ],
    queryFn: async ({ pageParam, signal }) => {
      const page = await get<ContactPage>(`/contacts${qs({ q: query, circle, tag: tagQ, limit: PAGE, cursor: pageParam })}`, signal);
      return { contacts: page.contacts.map(toRow), nextCursor: page.nextCursor };
    },
    initialPageParam: '' as string,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (prev) => prev,
  });
  const healthQ = useQuery({ queryKey: ['health'], queryFn: () => get<NetworkHealthJson>('/health'), enabled: health !== '' });
  const scores = useMemo(() => new Map(healthQ.data?.contacts.map((c) => [c.id, c.score]) ?? []), [healthQ.data]);

  const all = useMemo(() => list.data?.pages.flatMap((p) => p.contacts) ?? [], [list.data]);
  const shown = useMemo(() => {
    const defaults = profile.data?.profile.cadenceDefaults;
    return all.filter((c) => {
      if (status && statusOf(c, today, defaults) !== status) return false;
      if (health) {
        const s = scores.get(c.id);
        if (s === undefined || bandOf(s) !== health) return false;
      }
      return true;
    });
  }, [all, status, health, scores, profile.data, today]);

  // Client-side filters need every page; otherwise pages load as the list scrolls.
  const clientFilter = status !== '' || health !== '';
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  useEffect(() => {
    if (clientFilter && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [clientFilter, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const viewport = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    count: shown.length,
    getScrollElement: () => viewport.current,
    estimateSize: () => ROW,
    overscan: 8,
  });
  const items = v.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (!clientFilter && hasNextPage && !isFetchingNextPage && lastIndex >= shown.length - 60) void fetchNextPage();
  }, [clientFilter, lastIndex, shown.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  // Rows are memoized: their handlers must not change identity on every render.
  const latest = useRef({ shown, v, navigate });
  latest.current = { shown, v, navigate };
  const onRowKey = useCallback((e: KeyboardEvent<HTMLAnchorElement>, index: number) => {
    const { shown: list, v: virt } = latest.current;
    const to = e.key === 'ArrowDown' ? index + 1 : e.key === 'ArrowUp' ? index - 1 : -1;
    if (to < 0 || to >= list.length) return;
    e.preventDefault();
    virt.scrollToIndex(to);
    requestAnimationFrame(() => viewport.current?.querySelector<HTMLElement>(`[data-index="${to}"]`)?.focus());
  }, []);
  const open = useCallback((id: string) => void latest.current.navigate({ to: '/contacts/$id', params: { id } }), []);

  const total = `${shown.length}${hasNextPage && !clientFilter ? '+' : ''}`;
  const noneAtAll = !list.isPending && all.length === 0 && !query && !circle && !tagQ;

  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('Contacts')}</h1>
        <p className="muted" aria-live="polite">
          {t('{n} people', { n: total })}
        </p>
        <Link to="/contacts/duplicates" className="push">
          {t('Possible duplicates')}
        </Link>
        <button type="button" onClick={() => setAdding((a) => !a)} aria-expanded={adding}>
          {t('Add contact')}
        </button>
      </header>
      {adding && (
        <section className="card">
          <AddContactForm onAdded={(c) => void navigate({ to: '/contacts/$id', params: { id: c.id } })} />
        </section>
      )}
      <div className="filters" role="search">
        <label>
          {t('Search')}
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('Name, company, topic, note…')} />
        </label>
        <label>
          {t('Circle')}
          <select value={circle} onChange={(e) => setCircle(e.target.value)}>
            <option value="">{t('All')}</option>
            {CIRCLE_NAMES.map((c) => (
              <option key={c} value={c}>
                {t(c)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('Tag')}
          <input value={tag} onChange={(e) => setTag(e.target.value)} />
        </label>
        <label>
          {t('Status')}
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('All')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status:${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('Health')}
          <select value={health} onChange={(e) => setHealth(e.target.value)}>
            <option value="">{t('All')}</option>
            {HEALTH_BANDS.map((b) => (
              <option key={b} value={b}>
                {t(`health:${b}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {list.isError && <ErrorNote error={list.error} />}
      {noneAtAll ? (
        <section className="empty card">
          <h2>{t("Start with 3–5 people you'd like to know better")}</h2>
          <p>{t('Add them here, or import your LinkedIn connections and pick a few.')}</p>
          <AddContactForm />
        </section>
      ) : (
        <div ref={viewport} className="list-viewport" aria-label={t('Contact list')} role="region" tabIndex={-1}>
          <div className="list-sizer" ref={cssVars({ '--total': `${v.getTotalSize()}px` })}>
            {items.map((it) => {
              const c = shown[it.index] as Row;
              return (
                <ContactRow
                  key={c.id}
                  c={c}
                  index={it.index}
                  start={it.start}
                  status={statusOf(c, today, profile.data?.profile.cadenceDefaults)}
                  score={scores.get(c.id)}
                  onKey={onRowKey}
                  open={open}
                />
              );
            })}
          </div>
        </div>
      )}
      {list.isFetching && (
        <p role="status" className="hint">
          {t('Loading…')}
        </p>
      )}
    </div>
  );
}

interface RowProps {
  c: Row;
  index: number;
  start: number;
  status: ContactStatus;
  score: number | undefined;
  onKey(e: KeyboardEvent<HTMLAnchorElement>, index: number): void;
  open(id: string): void;
}

/**
 * One row: a plain link that the app opens itself (a router Link per row cost more to mount than
 * the rest of the row, and scrolling mounts dozens a frame). Modified clicks open as the browser
 * would.
 */
const ContactRow = memo(function ContactRow({ c, index, start, status, score, onKey, open }: RowProps) {
  const { t } = useI18n();
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    open(c.id);
  };
  return (
    <a
      href={`/contacts/${encodeURIComponent(c.id)}`}
      className="list-row"
      data-index={index}
      ref={cssVars({ '--y': `${start}px` })}
      onClick={onClick}
      onKeyDown={(e) => onKey(e, index)}
    >
      <span>
        <span className="name">{c.displayName}</span>
        <span className="sub">{[c.title, c.company].filter(Boolean).join(' · ') || '\u00a0'}</span>
      </span>
      <span className="sub wide">{c.tags.join(', ')}</span>
      <span className="wide">
        <span className="pill">{t(c.circle)}</span>
      </span>
      <span className={status === 'due' ? 'status-due' : 'sub'}>
        {t(`status:${status}`)}
        {score !== undefined && <span className="score"> · {score}</span>}
      </span>
    </a>
  );
});
