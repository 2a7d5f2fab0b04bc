/**
 * The login gate: first run (set the owner's email and password), login, or the app.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { logIn, useAuth, useResetAfterAuth, UserProvider } from '../api/session.js';
import { useI18n } from '../lib/i18n.js';
import { ErrorNote } from './ErrorNote.js';

type RouterModule = typeof import('../router.js');

/**
 * The router (and Today with it) loads at boot, while the session is being checked, not after.
 * It is rendered once loaded rather than through React.lazy: a Suspense boundary that has shown
 * its fallback holds the content back for up to 300 ms (React's fallback throttling), which was
 * most of the wait before Today's list with 10 000 contacts.
 */
let routerModule: RouterModule | null = null;
const routerLoad: Promise<RouterModule> = import('../router.js').then((m) => (routerModule = m));

function useRouterModule(): RouterModule | null {
  const [mod, setMod] = useState(routerModule);
  const [failed, setFailed] = useState<unknown>(null);
  useEffect(() => {
    if (!mod) routerLoad.then(setMod, setFailed);
  }, [mod]);
  if (failed) throw failed;
  return mod;
}

export function Gate() {
  const { t } = useI18n();
  const auth = useAuth();
  const router = useRouterModule();
  if (auth.isPending) return <p className="boot" role="status">{t('Loading…')}</p>;
  if (auth.isError) return <main className="auth"><ErrorNote error={auth.error} /></main>;
  const { user, setup } = auth.data;
  if (!user) return <AuthPage kind={setup.needsSetup ? 'setup' : 'login'} allowedHere={setup.allowedHere} />;
  return (
    <UserProvider user={user}>
      {router ? <router.AppRouter /> : <p className="boot" role="status">{t('Loading…')}</p>}
    </UserProvider>
  );
}

function AuthPage({ kind, allowedHere }: { kind: 'setup' | 'login'; allowedHere: boolean }) {
  const { t } = useI18n();
  const reset = useResetAfterAuth();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await logIn(kind, {
        email: String(f.get('email') ?? ''),
        password: String(f.get('password') ?? ''),
        ...(kind === 'setup' ? { name: String(f.get('name') ?? '') } : {}),
      });
      await reset();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const setup = kind === 'setup';
  return (
    <main className="auth" id="main">
      <div className="auth-card">
        <p className="brand brand-big" aria-hidden="true">kith</p>
        <h1>{setup ? t('Welcome to kith') : t('Log in')}</h1>
        <p className="muted">
          {setup
            ? t('kith helps you keep in touch with the people you know: who to reach out to today, what to say, what you promised.')
            : t('The people you know, and how to keep in touch.')}
        </p>
        {setup && !allowedHere ? (
          <p className="note" role="alert">{t('The owner account can only be set up from this machine (or with `kith user add`).')}</p>
        ) : (
          <form onSubmit={submit} className="stack">
            {setup && (
              <label>
                {t('Your name')}
                <input name="name" autoComplete="name" />
              </label>
            )}
            <label>
              {t('Email')}
              <input name="email" type="email" autoComplete="email" required />
            </label>
            <label>
              {t('Password')}
              <input name="password" type="password" autoComplete={setup ? 'new-password' : 'current-password'} minLength={setup ? 10 : undefined} required />
            </label>
            {setup && <p className="hint">{t('At least 10 characters. Your data stays on this machine.')}</p>}
            {error !== null && <ErrorNote error={error} />}
            <button type="submit" className="primary" disabled={busy}>
              {setup ? t('Create my account') : t('Log in')}
            </button>
          </form>
        )}
      </div>
    </main>
  );
}

