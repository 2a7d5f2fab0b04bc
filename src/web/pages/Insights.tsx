/**
 * Insights: touches per week against the goal and the streak, the health
 * distribution, the give/ask balance and the commitments kept.
 */
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import { get, qs } from '../api/client.js';
import type { CommitmentsJson, LedgerJson, NetworkHealthJson, TouchPage, TouchpointJson } from '../api/types.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { Plot, type PlotSeries } from '../components/Plot.js';
import { addDays, weekStart } from '../lib/dates.js';
import { useI18n } from '../lib/i18n.js';
import { useProfile } from '../lib/use-profile.js';

const WEEKS = 12;

/** Touches of the last `WEEKS` weeks, newest first, following cursors until older than that. */
async function recentTouches(since: string): Promise<TouchpointJson[]> {
  const out: TouchpointJson[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await get<TouchPage>(`/touchpoints${qs({ limit: 500, cursor })}`);
    out.push(...page.touchpoints);
    const last = page.touchpoints[page.touchpoints.length - 1];
    if (!page.nextCursor || !last || last.occurredAt.slice(0, 10) < since) return out;
    cursor = page.nextCursor;
  }
}

/** Touches per ISO week, oldest first, this week last; and the streak of weeks that met the goal. */
export function weeklyCounts(touches: TouchpointJson[], today: string, goal: number) {
  const starts = Array.from({ length: WEEKS }, (_, i) => addDays(weekStart(today), -7 * (WEEKS - 1 - i)));
  const counts = starts.map(() => 0);
  for (const t of touches) {
    const i = starts.indexOf(weekStart(t.occurredAt.slice(0, 10)));
    if (i >= 0) counts[i] = (counts[i] ?? 0) + 1;
  }
  const met = counts.map((c) => goal > 0 && c >= goal);
  let streak = met[met.length - 1] ? 1 : 0;
  for (let i = met.length - 2; i >= 0 && met[i]; i--) streak++;
  return { starts, counts, streak };
}

const TOUCH_SERIES: PlotSeries[] = [
  { label: 'touches', colorVar: '--accent', bars: true },
  { label: 'goal', colorVar: '--warn', dash: [6, 4] },
];
const HEALTH_SERIES: PlotSeries[] = [{ label: 'contacts', colorVar: '--accent', bars: true }];

export function Insights() {
  const { t } = useI18n();
  const today = new Date().toISOString().slice(0, 10);
  const since = addDays(weekStart(today), -7 * (WEEKS - 1));
  const profile = useProfile();
  const touches = useQuery({ queryKey: ['insights', 'touches', since], queryFn: () => recentTouches(since) });
  const health = useQuery({ queryKey: ['health'], queryFn: () => get<NetworkHealthJson>('/health') });
  const commitments = useQuery({ queryKey: ['commitments', 'all'], queryFn: () => get<CommitmentsJson>(`/commitments${qs({ all: 1 })}`) });
  const ledger = useQuery({ queryKey: ['ledger', 'all'], queryFn: () => get<{ entries: LedgerJson[] }>('/ledger') });
  const goal = profile.data?.profile.weeklyGoal ?? 0;

  const weekly = useMemo(() => (touches.data ? weeklyCounts(touches.data, today, goal) : null), [touches.data, today, goal]);
  const touchData = useMemo(
    () => (weekly ? ([weekly.starts.map((_, i) => i), weekly.counts, weekly.starts.map(() => goal)] as [number[], number[], number[]]) : null),
    [weekly, goal],
  );
  const touchLabels = useMemo(() => weekly?.starts.map((s) => s.slice(5)) ?? [], [weekly]);
  const dist = health.data?.distribution ?? [];
  const healthData = useMemo(() => [dist.map((_, i) => i), dist.map((b) => b.count)] as [number[], number[]], [dist]);
  const healthLabels = useMemo(() => dist.map((b) => `${b.from}–${b.to}`), [dist]);
  const sums = useMemo(() => {
    const s = { give: 0, ask: 0, receive: 0 };
    for (const e of ledger.data?.entries ?? []) s[e.direction] += 1;
    return s;
  }, [ledger.data]);

  const rate = commitments.data?.keptOnTimeRate;
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('Insights')}</h1>
        <p className="muted">{t('Relationships take months. Here is how your habits are holding.')}</p>
      </header>
      <section className="card stack" aria-label={t('Touches per week')}>
        <h2>{t('Touches per week')}</h2>
        {touches.isError && <ErrorNote error={touches.error} />}
        {weekly && (
          <p>
            {t('Goal: {goal} a week', { goal })} · <strong>{t('Streak: {n} weeks', { n: weekly.streak })}</strong>
          </p>
        )}
        {touchData && <Plot data={touchData} series={TOUCH_SERIES} xLabels={touchLabels} label={t('Touches per week for the last 12 weeks against the goal')} />}
      </section>
      <div className="columns">
        <section className="card stack" aria-label={t('Health distribution')}>
          <h2>{t('Health distribution')}</h2>
          {health.isError && <ErrorNote error={health.error} />}
          {health.data && (
            <>
              <p>
                {t('{n} people · median {m}', { n: health.data.count, m: health.data.median ?? '—' })}
              </p>
              {health.data.count > 0 && <Plot data={healthData} series={HEALTH_SERIES} xLabels={healthLabels} label={t('How many contacts are in each health band')} />}
              {health.data.drifting.length > 0 && (
                <>
                  <h3>{t('Drifting')}</h3>
                  <ul className="plain">
                    {health.data.drifting.slice(0, 5).map((d) => (
                      <li key={d.id}>
                        <Link to="/contacts/$id" params={{ id: d.id }}>
                          {d.name}
                        </Link>{' '}
                        <span className="hint">· {d.score}</span>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </>
          )}
        </section>
        <div className="stack">
          <section className="card" aria-label={t('Give and ask')}>
            <h2>{t('Give and ask')}</h2>
            <div className="stats">
              <div>
                <p className="stat">{sums.give}</p>
                <p className="hint">{t('given')}</p>
              </div>
              <div>
                <p className="stat">{sums.ask}</p>
                <p className="hint">{t('asked')}</p>
              </div>
              <div>
                <p className="stat">{sums.receive}</p>
                <p className="hint">{t('received')}</p>
              </div>
            </div>
            {sums.ask > sums.give && <p className="hint">{t('You ask more than you give. Give first: an intro, a resource, a thank-you.')}</p>}
          </section>
          <section className="card" aria-label={t('Commitments kept')}>
            <h2>{t('Commitments kept')}</h2>
            {commitments.data && (
              <>
                <p className="stat">{rate == null ? '—' : `${Math.round(rate * 100)}%`}</p>
                <p className="hint">
                  {t('kept on time · {open} open, {kept} kept, {broken} broken, {overdue} overdue', commitments.data.counts)}
                </p>
              </>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
