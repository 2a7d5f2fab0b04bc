/** Introductions with double opt-in: propose, ask both, make it (P6). */
import { useQuery } from '@tanstack/react-query';
import { get, isMissingRoute } from '../api/client.js';
import type { IntroductionJson } from '../api/types.js';
import { RecordList } from '../components/RecordList.js';
import { useI18n } from '../lib/i18n.js';

interface Suggestion {
  a: { id: string; name: string };
  b: { id: string; name: string };
  reason: string;
}

export function Introductions() {
  const { t } = useI18n();
  const sugg = useQuery({ queryKey: ['records', 'intro-suggestions'], queryFn: () => get<{ suggestions: Suggestion[] }>('/introductions/suggestions') });
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('Introductions')}</h1>
        <p className="muted">{t('Give value first: connect two people who can help each other. Ask both before you introduce.')}</p>
      </header>
      <div className="columns">
        <RecordList<IntroductionJson>
          title={t('Your introductions')}
          path="/introductions"
          itemsKey="introductions"
          addLabel={t('Propose')}
          empty={t('None yet. Who needs what someone else offers? The suggestions help.')}
          fields={[
            { name: 'a', label: 'First person', required: true },
            { name: 'b', label: 'Second person', required: true },
            { name: 'reason', label: 'Why they should meet', required: true },
          ]}
          render={(i) => (
            <>
              <strong>
                {i.contactA?.name ?? i.contactAId} ↔ {i.contactB?.name ?? i.contactBId}
              </strong>{' '}
              <span className="pill">{t(i.status)}</span>
              <p className="hint">{i.reason}</p>
            </>
          )}
        />
        <section className="card stack" aria-label={t('Suggestions')}>
          <h2>{t('Suggestions')}</h2>
          {isMissingRoute(sugg.error) && <p className="note">{t('This server does not offer {what} yet. The page will work once it does.', { what: 'GET /api/v1/introductions/suggestions' })}</p>}
          {sugg.data?.suggestions.length === 0 && <p className="muted">{t('Add "can help with" and "looking for" topics to your contacts to get suggestions.')}</p>}
          <ul className="plain">
            {sugg.data?.suggestions.map((s, n) => (
              <li key={n}>
                <strong>
                  {s.a.name} ↔ {s.b.name}
                </strong>
                <p className="hint">{s.reason}</p>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}
