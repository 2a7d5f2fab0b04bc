/** An error as a sentence, announced to screen readers. */
import { ApiError } from '../api/client.js';
import { useI18n } from '../lib/i18n.js';

export function ErrorNote({ error }: { error: unknown }) {
  const { t } = useI18n();
  let text: string;
  if (error instanceof ApiError) {
    if (error.status === 429) text = t('Too many attempts. Wait a moment and try again.');
    else text = t(error.message);
  } else text = error instanceof Error ? error.message : String(error);
  return (
    <p className="error" role="alert">
      {text}
    </p>
  );
}
