/** Contacts that are probably one person: suggestions only, merged when the user says so. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { get, send } from '../api/client.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { useI18n } from '../lib/i18n.js';

interface Suggestion {
  contacts: Array<{ id: string; name: string; company: string | null }>;
  score: number;
  reasons: string[];
}

export function Duplicates() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: ['contacts', 'duplicates'],
    queryFn: () => get<{ duplicates: Suggestion[] }>('/contacts/duplicates?limit=100'),
  });
  const merge = useMutation({
    mutationFn: ({ keep, other }: { keep: string; other: string }) => send('POST', `/contacts/${keep}/merge`, { other }),
    onSuccess: () => qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' }),
  });
  const who = (c: Suggestion['contacts'][number]) => (c.company ? `${c.name} (${c.company})` : c.name);
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('Possible duplicates')}</h1>
        <p className="muted">{t('Different people share names, so kith never merges on a name alone. You decide.')}</p>
      </header>
      {(list.error ?? merge.error) && <ErrorNote error={list.error ?? merge.error} />}
      {list.data?.duplicates.length === 0 && <p className="muted">{t('No likely duplicates.')}</p>}
      <ul className="plain stack">
        {list.data?.duplicates.map((d) => {
          const [a, b] = d.contacts;
          if (!a || !b) return null;
          return (
            <li key={`${a.id}:${b.id}`} className="card">
              <strong>
                <Link to="/contacts/$id" params={{ id: a.id }}>
                  {who(a)}
                </Link>{' '}
                ↔{' '}
                <Link to="/contacts/$id" params={{ id: b.id }}>
                  {who(b)}
                </Link>
              </strong>{' '}
              <span className="pill">{t('{n}% sure', { n: d.score })}</span>
              <p className="hint">{d.reasons.join(' · ')}</p>
              <div className="row">
                <button type="button" disabled={merge.isPending} onClick={() => merge.mutate({ keep: a.id, other: b.id })}>
                  {t('Keep {name}, merge the other into it', { name: a.name })}
                </button>
                <button type="button" disabled={merge.isPending} onClick={() => merge.mutate({ keep: b.id, other: a.id })}>
                  {t('Keep {name}, merge the other into it', { name: b.name })}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
