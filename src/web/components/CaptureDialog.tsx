/**
 * Quick capture: one line becomes a touchpoint, promises and follow-ups. While
 * you type, a dry run shows exactly what will be written; Enter writes it.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { send } from '../api/client.js';
import type { CaptureJson } from '../api/types.js';
import { formatDay } from '../lib/dates.js';
import { useI18n } from '../lib/i18n.js';
import { useDebounced } from '../lib/use-debounced.js';
import { ErrorNote } from './ErrorNote.js';

export function CaptureDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const qc = useQueryClient();
  const typed = useDebounced(text.trim(), 250);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      setSaved(null);
      d.showModal();
    } else if (!open && d.open) d.close();
  }, [open]);

  const preview = useQuery({
    queryKey: ['capture-preview', typed],
    queryFn: () => send<CaptureJson>('POST', '/capture', { text: typed, dryRun: true }),
    enabled: open && typed.length > 2,
    staleTime: 5_000,
  });

  const write = useMutation({
    mutationFn: (line: string) => send<CaptureJson>('POST', '/capture', { text: line }),
    onSuccess: async (r) => {
      setSaved(r.touchpoint?.summary || text);
      setText('');
      await qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (text.trim()) write.mutate(text.trim());
  }

  const p = preview.data;
  const current = typed === text.trim();
  const canSave = !!text.trim() && !write.isPending && !(current && p && !p.touchpoint && p.commitments.length === 0 && p.followUps.length === 0);
  const name = (id: string) => p?.contacts.find((c) => c.id === id)?.name ?? id;

  return (
    <dialog ref={ref} className="capture" aria-labelledby="capture-title" onClose={onClose}>
      <form onSubmit={submit} className="stack">
        <div className="row spread">
          <h2 id="capture-title">{t('Quick capture')}</h2>
          <button type="button" className="quiet" onClick={onClose} aria-label={t('Close')}>
            ✕
          </button>
        </div>
        <label>
          {t('What happened?')}
          <input
            autoFocus
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('coffee with Anna yesterday about Rust meetup; promised to send slides by Friday')}
            aria-describedby="capture-help"
          />
        </label>
        <p id="capture-help" className="hint">
          {t('One line: what, with whom, when, about what; promises and follow-ups after a semicolon. Enter saves.')}
        </p>
        <section aria-live="polite" className="capture-preview" aria-label={t('Preview')}>
          {saved && <p className="ok">{t('Saved: {what}', { what: saved })}</p>}
          {preview.isError && <ErrorNote error={preview.error} />}
          {p && current && text.trim() && (
            <>
              <h3>{t('This will be written')}</h3>
              {p.touchpoint ? (
                <dl className="kv">
                  <dt>{t('Touch')}</dt>
                  <dd>
                    <span className="pill">{t(p.touchpoint.kind)}</span> {formatDay(p.touchpoint.occurredAt.slice(0, 10), 'en')}
                  </dd>
                  <dt>{t('With')}</dt>
                  <dd>{p.touchpoint.participantIds.map(name).join(', ')}</dd>
                  {p.touchpoint.topics.length > 0 && (
                    <>
                      <dt>{t('Topics')}</dt>
                      <dd>{p.touchpoint.topics.join(', ')}</dd>
                    </>
                  )}
                </dl>
              ) : (
                <p className="muted">{t('No touchpoint in this line.')}</p>
              )}
              {p.commitments.length > 0 && (
                <ul className="plain">
                  {p.commitments.map((c, i) => (
                    <li key={i}>
                      {c.direction === 'mine' ? t('You promised') : t('They promised')}: {c.text}
                      {c.dueOn ? ` · ${t('due {day}', { day: c.dueOn })}` : ''} ({name(c.contactId)})
                    </li>
                  ))}
                </ul>
              )}
              {p.followUps.length > 0 && (
                <ul className="plain">
                  {p.followUps.map((f, i) => (
                    <li key={i}>
                      {t('Follow up')}: {f.text}
                      {f.dueOn ? ` · ${t('due {day}', { day: f.dueOn })}` : ''} ({name(f.contactId)})
                    </li>
                  ))}
                </ul>
              )}
              {p.issues.length > 0 && (
                <ul className="plain warn">
                  {p.issues.map((i, n) => (
                    <li key={n}>{i.message}</li>
                  ))}
                </ul>
              )}
            </>
          )}
        </section>
        {write.isError && <ErrorNote error={write.error} />}
        <div className="row">
          <button type="submit" className="primary" disabled={!canSave}>
            {t('Save')}
          </button>
          <button type="button" onClick={onClose}>
            {t('Cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
