/**
 * A list of simple records from one API route with a small form to add one.
 * Events, communities, introductions, posts and resources share it. When the
 * server has no such route yet, the page says so instead of showing anything made up.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent, ReactNode } from 'react';
import { get, isMissingRoute, send } from '../api/client.js';
import { useI18n } from '../lib/i18n.js';
import { ErrorNote } from './ErrorNote.js';

export interface Field {
  name: string;
  label: string;
  type?: 'text' | 'date' | 'url' | 'number';
  required?: boolean;
  /** Comma-separated input sent as an array. */
  list?: boolean;
}

export interface RecordListProps<T> {
  title: string;
  /** GET path under /api/v1. */
  path: string;
  /** The array's key in the response. */
  itemsKey: string;
  /** POST path for the add form (default: path). */
  addPath?: string;
  fields: Field[];
  addLabel: string;
  empty: string;
  render(item: T): ReactNode;
}

export function MissingRoute({ what }: { what: string }) {
  const { t } = useI18n();
  return (
    <p className="note" role="status">
      {t('This server does not offer {what} yet. The page will work once it does.', { what })}
    </p>
  );
}

export function RecordList<T extends { id: string }>(p: RecordListProps<T>) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['records', p.path], queryFn: () => get<Record<string, unknown>>(p.path) });
  const add = useMutation({
    mutationFn: (body: Record<string, unknown>) => send('POST', p.addPath ?? p.path, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['records'] }),
  });
  if (isMissingRoute(list.error)) return <MissingRoute what={`GET /api/v1${p.path}`} />;
  const items = (list.data?.[p.itemsKey] as T[] | undefined) ?? [];
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const body: Record<string, unknown> = {};
    for (const field of p.fields) {
      const v = String(f.get(field.name) ?? '').trim();
      if (!v) continue;
      body[field.name] = field.list ? v.split(',').map((x) => x.trim()).filter(Boolean) : field.type === 'number' ? Number(v) : v;
    }
    add.mutate(body);
    e.currentTarget.reset();
  }
  return (
    <section className="card stack" aria-label={p.title}>
      <h2>{p.title}</h2>
      {list.isError && <ErrorNote error={list.error} />}
      {list.isSuccess && items.length === 0 && <p className="muted">{p.empty}</p>}
      <ul className="plain">
        {items.map((it) => (
          <li key={it.id}>{p.render(it)}</li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={submit} aria-label={p.addLabel}>
        {p.fields.map((f) => (
          <label key={f.name}>
            {t(f.label)}
            <input name={f.name} type={f.type ?? 'text'} required={f.required} />
          </label>
        ))}
        <button type="submit">{p.addLabel}</button>
      </form>
      {add.isError && (isMissingRoute(add.error) ? <MissingRoute what={`POST /api/v1${p.addPath ?? p.path}`} /> : <ErrorNote error={add.error} />)}
    </section>
  );
}
