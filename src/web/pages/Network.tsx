/** Events and communities: where you meet people, and how often you show up (P7, P8). */
import { RecordList } from '../components/RecordList.js';
import { formatDay } from '../lib/dates.js';
import { useI18n } from '../lib/i18n.js';

interface EventRow {
  id: string;
  name: string;
  startsOn: string;
  location?: string | null;
  attendees?: Array<{ contactId: string; name?: string; met: boolean }>;
}
interface CommunityRow {
  id: string;
  name: string;
  url?: string | null;
  cadenceDays?: number | null;
  memberCount?: number;
  participation?: { state: string; lastOn?: string | null };
}

export function Network() {
  const { t, lang } = useI18n();
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('Events & communities')}</h1>
        <p className="muted">{t('Meet people in person, then follow up personally within 48 hours.')}</p>
      </header>
      <div className="columns">
        <RecordList<EventRow>
          title={t('Events')}
          path="/events"
          itemsKey="events"
          addLabel={t('Add event')}
          empty={t('No events yet. Add the next meetup or conference you go to, and who you met there.')}
          fields={[
            { name: 'name', label: 'Name', required: true },
            { name: 'on', label: 'Date', type: 'date', required: true },
            { name: 'where', label: 'Location' },
          ]}
          render={(e) => (
            <>
              <strong>{e.name}</strong>{' '}
              <span className="hint">
                · {formatDay(e.startsOn, lang)}
                {e.location ? ` · ${e.location}` : ''}
              </span>
              {e.attendees && e.attendees.length > 0 && (
                <p className="hint">
                  {t('Met: {names}', {
                    names:
                      e.attendees
                        .filter((a) => a.met)
                        .map((a) => a.name ?? a.contactId)
                        .join(', ') || '—',
                  })}
                </p>
              )}
            </>
          )}
        />
        <RecordList<CommunityRow>
          title={t('Communities')}
          path="/communities"
          itemsKey="communities"
          addLabel={t('Add community')}
          empty={t('Which communities do you want to take part in? Add one with how often you want to show up.')}
          fields={[
            { name: 'name', label: 'Name', required: true },
            { name: 'url', label: 'Link', type: 'url' },
            { name: 'cadenceDays', label: 'Take part every (days)', type: 'number' },
          ]}
          render={(c) => (
            <>
              <strong>{c.name}</strong>
              {c.cadenceDays ? <span className="hint"> · {t('every {n} days', { n: c.cadenceDays })}</span> : null}
              {c.participation && <span className="pill">{t(`participation:${c.participation.state}`)}</span>}
            </>
          )}
        />
      </div>
    </div>
  );
}
