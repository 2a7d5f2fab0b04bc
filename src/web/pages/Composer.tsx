/**
 * The composer: write to someone with a live check of how personal the message
 * is, hooks from their record, the scheduling link, and copy to clipboard.
 */
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { get, qs, send } from '../api/client.js';
import type { ContactJson, ContactPage, DraftCheckJson } from '../api/types.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { useI18n } from '../lib/i18n.js';
import { useDebounced } from '../lib/use-debounced.js';
import { useProfile } from '../lib/use-profile.js';

export function Composer() {
  const { t } = useI18n();
  const { who } = useSearch({ strict: false }) as { who?: string };
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [language, setLanguage] = useState<'en' | 'de'>('en');
  const [copied, setCopied] = useState(false);
  const draft = useDebounced(text, 300);
  const profile = useProfile();
  const contact = useQuery({ queryKey: ['contact', who, 'plain'], queryFn: () => get<ContactJson>(`/contacts/${who}`), enabled: !!who });
  const check = useQuery({
    queryKey: ['draft-check', who, draft, language],
    queryFn: () => send<DraftCheckJson>('POST', '/draft-check', { who, text: draft, language }),
    enabled: !!who && draft.trim().length > 0,
    placeholderData: (p) => p,
  });
  const link = profile.data?.profile.schedulingLink;

  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('Composer')}</h1>
        <p className="muted">{t('A message once or twice a year only works if it is personal.')}</p>
      </header>
      <ContactPicker
        current={contact.data}
        onPick={(id) => void navigate({ to: '/compose', search: { who: id } })}
      />
      {who && (
        <div className="composer">
          <section className="card stack" aria-label={t('Message')}>
            <label>
              {contact.data ? t('Message to {name}', { name: contact.data.displayName }) : t('Message')}
              <textarea value={text} onChange={(e) => setText(e.target.value)} rows={10} />
            </label>
            <div className="row">
              <label className="compact">
                <span className="sr-only">{t('Language of the message')}</span>
                <select value={language} onChange={(e) => setLanguage(e.target.value as 'en' | 'de')}>
                  <option value="en">English</option>
                  <option value="de">Deutsch</option>
                </select>
              </label>
              <button
                type="button"
                disabled={!link}
                onClick={() => setText((s) => `${s.trimEnd()}${s.trim() ? '\n\n' : ''}${t('If it suits you, pick a time here: {link}', { link: link ?? '' })}`)}
              >
                {t('Add my scheduling link')}
              </button>
              <button
                type="button"
                className="primary"
                disabled={!text.trim()}
                onClick={async () => {
                  await navigator.clipboard.writeText(text);
                  setCopied(true);
                  setTimeout(() => setCopied(false), 2000);
                }}
              >
                {t('Copy to clipboard')}
              </button>
              <span aria-live="polite" className="ok">
                {copied ? t('Copied.') : ''}
              </span>
            </div>
            {!link && (
              <p className="hint">
                {t('No scheduling link yet:')} <Link to="/settings">{t('add one in Settings')}</Link>.
              </p>
            )}
          </section>
          <section className="card stack" aria-label={t('Message check')} aria-live="polite">
            <h2>{t('Message check')}</h2>
            {check.isError && <ErrorNote error={check.error} />}
            {!text.trim() && <p className="muted">{t('Start writing; the check runs as you type.')}</p>}
            {check.data && text.trim() && (
              <>
                <p>
                  <span className="check-score">{check.data.score}</span>
                  <span className="muted"> / 100 {t('personal')}</span>
                </p>
                {check.data.findings.length === 0 ? (
                  <p className="ok">{t('Personal and specific. Good to send.')}</p>
                ) : (
                  <ul className="plain" aria-label={t('Findings')}>
                    {check.data.findings.map((f, i) => (
                      <li key={i} className="finding" data-code={f.code}>
                        {f.message}
                      </li>
                    ))}
                  </ul>
                )}
              </>
            )}
            {check.data && check.data.suggestions.length > 0 && (
              <>
                <h3>{t('Hooks from their record')}</h3>
                <ul className="plain" aria-label={t('Suggestions')}>
                  {check.data.suggestions.map((s, i) => (
                    <li key={i} className="hook" data-code={s.code}>
                      {s.message}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        </div>
      )}
    </div>
  );
}

function ContactPicker({ current, onPick }: { current: ContactJson | undefined; onPick(id: string): void }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const typed = useDebounced(q.trim(), 150);
  const found = useQuery({
    queryKey: ['contacts', 'pick', typed],
    queryFn: () => get<ContactPage>(`/contacts${qs({ q: typed, limit: 8 })}`),
    enabled: typed.length > 0,
  });
  return (
    <div className="card stack">
      <label>
        {current ? t('To: {name} (pick someone else)', { name: current.displayName }) : t('Who are you writing to?')}
        <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('Type a name')} />
      </label>
      {found.data && typed && (
        <ul className="plain" aria-label={t('Matching contacts')}>
          {found.data.contacts.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className="quiet"
                onClick={() => {
                  setQ('');
                  onPick(c.id);
                }}
              >
                {c.displayName} {c.company && <span className="hint">· {c.company}</span>}
              </button>
            </li>
          ))}
          {found.data.contacts.length === 0 && <li className="muted">{t('Nobody by that name.')}</li>}
        </ul>
      )}
    </div>
  );
}
