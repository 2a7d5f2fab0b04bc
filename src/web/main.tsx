/**
 * The kith web app: the login gate, then the router. Every page but Today loads
 * lazily, so the first paint carries only the shell and the agenda.
 */
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from './api/client.js';
import { AUTH_KEY } from './api/session.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Gate } from './components/Gate.js';
import { I18nProvider } from './lib/i18n.js';
import { applyTheme, savedTheme } from './lib/theme.js';
import './styles.css';

applyTheme(savedTheme());

// A 401 anywhere means the session ended: back to the login page.
const onError = (e: unknown): void => {
  if (e instanceof ApiError && e.status === 401) void queryClient.invalidateQueries({ queryKey: AUTH_KEY });
};

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: { staleTime: 15_000, refetchOnWindowFocus: false, retry: (n, e) => n < 1 && !(e as { status?: number }).status },
  },
});

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nProvider>
        <QueryClientProvider client={queryClient}>
          <Gate />
        </QueryClientProvider>
      </I18nProvider>
    </StrictMode>,
  );
}
