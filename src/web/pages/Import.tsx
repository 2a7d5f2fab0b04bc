/**
 * Import: pick a file, see a preview (counts and problems by line), confirm, watch
 * it go. Export: download everything in the format you need.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent } from 'react';
import { isMissingRoute, qs, upload } from '../api/client.js';
import type { ImportReportJson } from '../api/types.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { MissingRoute } from '../components/RecordList.js';
import { useI18n } from '../lib/i18n.js';

const FORMATS = ['', 'linkedin', 'linkedin-messages', 'vcard', 'google-csv', 'outlook-csv', 'ics', 'mbox', 'feed', 'json'];
const EXPORTS: Array<{ href: string; label: string }> = [
  { href: '/api/v1/backup', label: 'JSON backup (everything, lossless)' },
  { href: '/api/v1/export/csv', label: 'CSV (contacts)' },
  { href: '/api/v1/export/vcard', label: 'vCard (contacts)' },
  { href: '/api/v1/export/markdown', label: 'Markdown (one file per contact, zipped)' },
  { href: '/api/v1/export/ics', label: 'iCalendar (the next 90 days)' },
];

type Stage = { step: 'pick' } | { step: 'previewing' | 'importing'; progress: number } | { step: 'preview' | 'done'; report: ImportReportJson };

export function Import() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState('');
  const [stage, setStage] = useState<Stage>({ step: 'pick' });
  const [error, setError] = useState<unknown>(null);

  async function run(dryRun: boolean) {
    if (!file) return;
    setError(null);
    setStage({ step: dryRun ? 'previewing' : 'importing', progress: 0 });
    try {
      const report = await upload<ImportReportJson>(`/imports${qs({ format, name: file.name, dryRun: dryRun ? 1 : undefined })}`, file, (p) =>
        setStage({ step: dryRun ? 'previewing' : 'importing', progress: p }),
      );
      setStage({ step: dryRun ? 'preview' : 'done', report });
      if (!dryRun) await qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
    } catch (e) {
      setError(e);
      setStage({ step: 'pick' });
    }
  }

  function pick(e: ChangeEvent<HTMLInputElement>) {
    setFile(e.target.files?.[0] ?? null);
    setStage({ step: 'pick' });
  }

  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('Import & export')}</h1>
        <p className="muted">{t('Every import shows a preview first, writes all or nothing, and can be run again safely.')}</p>
      </header>
      <section className="card stack" aria-label={t('Import')}>
        <h2>{t('Import')}</h2>
        <div className="grid-form">
          <label>
            {t('File')}
            <input type="file" onChange={pick} />
          </label>
          <label>
            {t('Format')}
            <select value={format} onChange={(e) => setFormat(e.target.value)}>
              {FORMATS.map((f) => (
                <option key={f} value={f}>
                  {f ? f : t('Detect from the file')}
                </option>
              ))}
            </select>
          </label>
          <div className="form-end">
            <button type="button" className="primary" disabled={!file || stage.step === 'previewing' || stage.step === 'importing'} onClick={() => void run(true)}>
              {t('Preview')}
            </button>
          </div>
        </div>
        <p className="hint">
          {t('LinkedIn: Settings → Data privacy → Get a copy of your data → Connections. Also vCard, Google and Outlook CSV, iCalendar, mbox, RSS/Atom and kith backups.')}
        </p>
        {(stage.step === 'previewing' || stage.step === 'importing') && (
          <div role="status">
            <p>{stage.step === 'previewing' ? t('Reading the file…') : t('Importing…')}</p>
            <progress max={1} value={stage.progress} aria-label={t('Progress')} />
          </div>
        )}
        {isMissingRoute(error) ? <MissingRoute what="POST /api/v1/imports" /> : error !== null && <ErrorNote error={error} />}
        {(stage.step === 'preview' || stage.step === 'done') && <Report report={stage.report} />}
        {stage.step === 'preview' && (
          <div className="row">
            <button type="button" className="primary" onClick={() => void run(false)}>
              {t('Import {n} records', { n: stage.report.counts.new + stage.report.counts.updated + stage.report.counts.merged })}
            </button>
            <button type="button" onClick={() => setStage({ step: 'pick' })}>
              {t('Cancel')}
            </button>
          </div>
        )}
        {stage.step === 'done' && <p className="ok" role="status">{t('Imported.')}</p>}
      </section>
      <section className="card stack" aria-label={t('Export')}>
        <h2>{t('Export')}</h2>
        <ul className="plain">
          {EXPORTS.map((x) => (
            <li key={x.href}>
              <a href={x.href} download>
                {t(x.label)}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function Report({ report }: { report: ImportReportJson }) {
  const { t } = useI18n();
  const c = report.counts;
  return (
    <div className="stack" aria-label={t('Import report')}>
      <h3>
        {report.dryRun ? t('Preview') : t('Result')}: {report.format} · {report.file}
      </h3>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('new')}</th>
            <th scope="col">{t('updated')}</th>
            <th scope="col">{t('merged')}</th>
            <th scope="col">{t('skipped')}</th>
            <th scope="col">{t('invalid')}</th>
          </tr>
        </thead>
        <tbody>
          <tr className="counts">
            <td data-count="new">{c.new}</td>
            <td data-count="updated">{c.updated}</td>
            <td data-count="merged">{c.merged}</td>
            <td data-count="skipped">{c.skipped}</td>
            <td data-count="invalid">{c.invalid}</td>
          </tr>
        </tbody>
      </table>
      {report.issues.length > 0 && (
        <>
          <h3>{t('Problems ({n})', { n: report.issuesTotal ?? report.issues.length })}</h3>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Line')}</th>
                <th scope="col">{t('Field')}</th>
                <th scope="col">{t('Problem')}</th>
              </tr>
            </thead>
            <tbody>
              {report.issues.slice(0, 200).map((i, n) => (
                <tr key={n}>
                  <td>{i.line}</td>
                  <td>{i.field ?? ''}</td>
                  <td>{i.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {report.duplicates && report.duplicates.length > 0 && (
        <p className="hint">{t('{n} possible duplicates to look at after the import (never merged without you).', { n: report.duplicates.length })}</p>
      )}
    </div>
  );
}
