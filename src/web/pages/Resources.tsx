/** Resources worth sharing, matched to the people they would help (P5, P6). */
import { RecordList } from '../components/RecordList.js';
import { useI18n } from '../lib/i18n.js';

interface ResourceRow {
  id: string;
  title: string;
  url?: string | null;
  topics: string[];
}

export function Resources() {
  const { t } = useI18n();
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('Resources')}</h1>
        <p className="muted">{t('Articles, tools and talks worth passing on. kith matches them to the interests of your people.')}</p>
      </header>
      <RecordList<ResourceRow>
        title={t('Your resources')}
        path="/resources"
        itemsKey="resources"
        addLabel={t('Add resource')}
        empty={t('Nothing saved yet. Found a great article? Save it with its topics, and kith tells you who would care.')}
        fields={[
          { name: 'title', label: 'Title', required: true },
          { name: 'url', label: 'Link', type: 'url' },
          { name: 'topics', label: 'Topics (comma separated)', list: true },
        ]}
        render={(r) => (
          <>
            {r.url ? <a href={r.url} rel="noreferrer noopener" target="_blank">{r.title}</a> : <strong>{r.title}</strong>}
            {r.topics.length > 0 && <span className="hint"> · {r.topics.join(', ')}</span>}
          </>
        )}
      />
    </div>
  );
}
