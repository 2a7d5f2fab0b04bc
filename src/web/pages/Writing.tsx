/** Writing: your posts, the cadence goal and streak, and responses awaiting your reply (P1). */
import { useQuery } from '@tanstack/react-query';
import { get, isMissingRoute } from '../api/client.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { MissingRoute, RecordList } from '../components/RecordList.js';
import { formatDay } from '../lib/dates.js';
import { useI18n } from '../lib/i18n.js';

interface WritingJson {
  postsPerMonth: number;
  summary: string;
  cadence: { current: { count: number; met: boolean; daysLeft: number }; streak?: number };
  awaitingReply: Array<{ id: string; post: { title: string }; from: { name: string }; summary: string; waitingDays: number }>;
}
interface PostRow {
  id: string;
  title: string;
  url?: string | null;
  publishedOn: string;
  responses?: number;
}

export function Writing() {
  const { t, lang } = useI18n();
  const status = useQuery({ queryKey: ['records', 'writing'], queryFn: () => get<WritingJson>('/writing') });
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('Writing')}</h1>
        <p className="muted">{t('Write publicly and consistently, and answer the people who respond.')}</p>
      </header>
      {isMissingRoute(status.error) ? (
        <MissingRoute what="GET /api/v1/writing" />
      ) : status.isError ? (
        <ErrorNote error={status.error} />
      ) : (
        status.data && (
          <section className="card stack" aria-label={t('Cadence')}>
            <h2>{t('Cadence')}</h2>
            <p>{status.data.summary}</p>
            <h3>{t('Awaiting your reply')}</h3>
            {status.data.awaitingReply.length === 0 ? (
              <p className="muted">{t('Nobody is waiting for an answer.')}</p>
            ) : (
              <ul className="plain">
                {status.data.awaitingReply.map((r) => (
                  <li key={r.id}>
                    <strong>{r.from.name}</strong> {t('on')} “{r.post.title}”: {r.summary}{' '}
                    <span className="warn">{t('{n} days waiting', { n: r.waitingDays })}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        )
      )}
      <RecordList<PostRow>
        title={t('Posts')}
        path="/posts"
        itemsKey="posts"
        addLabel={t('Add post')}
        empty={t('No posts yet. Add what you published, or import your RSS/Atom feed.')}
        fields={[
          { name: 'title', label: 'Title', required: true },
          { name: 'url', label: 'Link', type: 'url' },
          { name: 'on', label: 'Published', type: 'date', required: true },
        ]}
        render={(p) => (
          <>
            {p.url ? (
              <a href={p.url} rel="noreferrer noopener" target="_blank">
                {p.title}
              </a>
            ) : (
              <strong>{p.title}</strong>
            )}{' '}
            <span className="hint">· {formatDay(p.publishedOn, lang)}</span>
          </>
        )}
      />
    </div>
  );
}
