/**
 * Settings: your profile, work history, scheduling link, goals, cadence defaults,
 * API tokens, the calendar feed URL, and the language of this app.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { get, send } from '../api/client.js';
import type { ProfileJson, TokenJson } from '../api/types.js';
import { CIRCLE_NAMES } from '../components/AddContactForm.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { LANGUAGES, useI18n, type Language } from '../lib/i18n.js';
import { useProfile } from '../lib/use-profile.js';

export function Settings() {
  const { t, lang, setLang } = useI18n();
  const profile = useProfile();
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('Settings')}</h1>
      </header>
      {profile.isError && <ErrorNote error={profile.error} />}
      {profile.data && <ProfileForm profile={profile.data.profile} etag={profile.data.etag} />}
      <div className="columns">
        <Tokens />
        <CalendarFeed />
        <section className="card stack" aria-label={t('Language')}>
          <h2>{t('Language')}</h2>
          <label>
            {t('Language of this app')}
            <select value={lang} onChange={(e) => setLang(e.target.value as Language)}>
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {l === 'en' ? 'English' : 'Deutsch'}
                </option>
              ))}
            </select>
          </label>
        </section>
      </div>
    </div>
  );
}

const employmentText = (p: ProfileJson) => p.employment.map((e) => [e.company, e.title ?? '', e.from ?? '', e.to ?? ''].join(' | ')).join('\n');

function ProfileForm({ profile: p, etag }: { profile: ProfileJson; etag: string }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => send<ProfileJson>('PATCH', '/profile', body, etag),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['profile'] }),
  });
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const s = (k: string) => String(f.get(k) ?? '').trim();
    const emails = s('emails').split(/[\s,]+/).filter(Boolean);
    const employment = s('employment')
      .split('\n')
      .map((l) => l.split('|').map((x) => x.trim()))
      .filter((parts) => parts[0])
      .map(([company, title, from, to]) => ({ company, title: title || null, from: from || null, to: to || null }));
    const cadenceDefaults: Record<string, number | null> = {};
    for (const c of CIRCLE_NAMES) cadenceDefaults[c] = s(`cadence-${c}`) ? Number(s(`cadence-${c}`)) : null;
    save.mutate({
      name: s('name'),
      addEmails: emails.filter((x) => !p.emails.includes(x)),
      removeEmails: p.emails.filter((x) => !emails.includes(x)),
      schedulingLink: s('schedulingLink') || null,
      timeZone: s('timeZone') || 'UTC',
      weeklyGoal: Number(s('weeklyGoal')),
      dailyBudget: Number(s('dailyBudget')),
      postsPerMonth: Number(s('postsPerMonth')),
      cadenceDefaults,
      employment,
    });
  }
  return (
    <form className="card stack" onSubmit={submit} aria-label={t('Profile')}>
      <h2>{t('Profile')}</h2>
      <div className="grid-form">
        <label>
          {t('Name')}
          <input name="name" defaultValue={p.name} />
        </label>
        <label>
          {t('Your emails (comma separated)')}
          <input name="emails" defaultValue={p.emails.join(', ')} />
        </label>
        <label>
          {t('Scheduling link')}
          <input name="schedulingLink" type="url" defaultValue={p.schedulingLink ?? ''} placeholder="https://cal.com/you" />
        </label>
        <label>
          {t('Time zone')}
          <input name="timeZone" defaultValue={p.timeZone} />
        </label>
      </div>
      <fieldset className="grid-form">
        <legend>{t('Goals')}</legend>
        <label>
          {t('Touches per week')}
          <input name="weeklyGoal" type="number" min={0} defaultValue={p.weeklyGoal} />
        </label>
        <label>
          {t('Items on Today')}
          <input name="dailyBudget" type="number" min={1} defaultValue={p.dailyBudget} />
        </label>
        <label>
          {t('Posts per month')}
          <input name="postsPerMonth" type="number" min={0} step="0.25" defaultValue={p.postsPerMonth} />
        </label>
      </fieldset>
      <fieldset className="grid-form">
        <legend>{t('Check in every … days, by circle (empty: never)')}</legend>
        {CIRCLE_NAMES.map((c) => (
          <label key={c}>
            {t(c)}
            <input name={`cadence-${c}`} type="number" min={1} defaultValue={p.cadenceDefaults[c] ?? ''} />
          </label>
        ))}
      </fieldset>
      <label>
        {t('Your work history (one job per line: company | title | from | to)')}
        <textarea name="employment" defaultValue={employmentText(p)} />
      </label>
      {save.isError && <ErrorNote error={save.error} />}
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('Save profile')}
        </button>
        <span aria-live="polite" className="ok">
          {save.isSuccess ? t('Saved.') : ''}
        </span>
      </div>
    </form>
  );
}

function Tokens() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [secret, setSecret] = useState<string | null>(null);
  const list = useQuery({ queryKey: ['tokens'], queryFn: () => get<{ tokens: TokenJson[] }>('/tokens') });
  const create = useMutation({
    mutationFn: (body: { name: string; scope: string }) => send<{ token: string }>('POST', '/tokens', body),
    onSuccess: async (r) => {
      setSecret(r.token);
      await qc.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
  const revoke = useMutation({ mutationFn: (id: string) => send('DELETE', `/tokens/${id}`), onSuccess: () => qc.invalidateQueries({ queryKey: ['tokens'] }) });
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    create.mutate({ name: String(f.get('name') ?? ''), scope: String(f.get('scope') ?? 'read') });
    e.currentTarget.reset();
  }
  const live = list.data?.tokens.filter((x) => !x.revokedAt) ?? [];
  return (
    <section className="card stack" aria-label={t('API tokens')}>
      <h2>{t('API tokens')}</h2>
      {secret && (
        <p className="note" role="status">
          {t('Copy this token now; it is shown only once:')} <code>{secret}</code>
        </p>
      )}
      {live.length === 0 && <p className="muted">{t('No tokens. Scripts and other apps use a token to read (or change) your data.')}</p>}
      <ul className="plain">
        {live.map((x) => (
          <li key={x.id} className="row spread">
            <span>
              {x.name} <span className="pill">{x.scope}</span>
            </span>
            <button type="button" className="quiet danger" onClick={() => revoke.mutate(x.id)}>
              {t('Revoke')}
            </button>
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={submit} aria-label={t('Create a token')}>
        <label>
          {t('Name')}
          <input name="name" required />
        </label>
        <label>
          {t('Scope')}
          <select name="scope">
            <option value="read">{t('read')}</option>
            <option value="read-write">{t('read and write')}</option>
          </select>
        </label>
        <button type="submit">{t('Create')}</button>
      </form>
      {create.isError && <ErrorNote error={create.error} />}
    </section>
  );
}

function CalendarFeed() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const feed = useQuery({ queryKey: ['calendar-feed'], queryFn: () => get<{ url: string | null }>('/calendar-feed') });
  const set = (data: { url: string | null }) => qc.setQueryData(['calendar-feed'], data);
  const on = useMutation({ mutationFn: () => send<{ url: string }>('POST', '/calendar-feed'), onSuccess: set });
  const off = useMutation({ mutationFn: () => send('DELETE', '/calendar-feed'), onSuccess: () => set({ url: null }) });
  return (
    <section className="card stack" aria-label={t('Calendar feed')}>
      <h2>{t('Calendar feed')}</h2>
      <p className="muted">{t('Your promises, follow-ups and birthdays in your calendar app. Keep the URL secret.')}</p>
      {feed.data?.url ? (
        <>
          <label>
            {t('Feed URL')}
            <input readOnly value={feed.data.url} onFocus={(e) => e.currentTarget.select()} />
          </label>
          <div className="row">
            <button type="button" onClick={() => on.mutate()}>
              {t('New URL')}
            </button>
            <button type="button" className="quiet danger" onClick={() => off.mutate()}>
              {t('Turn off')}
            </button>
          </div>
        </>
      ) : (
        <button type="button" onClick={() => on.mutate()}>
          {t('Turn on')}
        </button>
      )}
    </section>
  );
}
