/** Adding a person: a name is enough; circle, company and email help the agenda. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { send } from '../api/client.js';
import type { ContactJson } from '../api/types.js';
import { useI18n } from '../lib/i18n.js';
import { ErrorNote } from './ErrorNote.js';

export const CIRCLE_NAMES = ['inner', 'active', 'network', 'dormant'] as const;

export function AddContactForm({ onAdded, compact }: { onAdded?(c: ContactJson): void; compact?: boolean }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [key, setKey] = useState(0);
  const add = useMutation({
    mutationFn: (body: Record<string, unknown>) => send<ContactJson>('POST', '/contacts', body),
    onSuccess: async (c) => {
      setKey((k) => k + 1);
      await qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
      onAdded?.(c);
    },
  });
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const email = String(f.get('email') ?? '').trim();
    const company = String(f.get('company') ?? '').trim();
    add.mutate({
      name: String(f.get('name') ?? '').trim(),
      circle: String(f.get('circle') ?? 'active'),
      ...(email ? { emails: [email] } : {}),
      ...(company ? { company } : {}),
    });
  }
  return (
    <form key={key} onSubmit={submit} className={compact ? 'inline-form' : 'grid-form'} aria-label={t('Add a contact')}>
      <label>
        {t('Name')}
        <input name="name" required autoComplete="off" />
      </label>
      <label>
        {t('Email')}
        <input name="email" type="email" autoComplete="off" />
      </label>
      <label>
        {t('Company')}
        <input name="company" autoComplete="off" />
      </label>
      <label>
        {t('Circle')}
        <select name="circle" defaultValue="active">
          {CIRCLE_NAMES.map((c) => (
            <option key={c} value={c}>
              {t(c)}
            </option>
          ))}
        </select>
      </label>
      <div className="form-end">
        <button type="submit" className="primary" disabled={add.isPending}>
          {t('Add contact')}
        </button>
      </div>
      {add.isError && <ErrorNote error={add.error} />}
    </form>
  );
}
