import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { copyText } from './ShareBox.tsx';
import { embedSnippet } from './share.ts';

/** The <iframe> code for the district portal (R16), folded away until asked for. */
export function EmbedBox({ origin, entryId, title }: { origin: string; entryId: number; title: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<boolean | null>(null);
  const code = embedSnippet(origin, entryId, title);
  return (
    <details className="card fold" data-testid="embed-box">
      <summary>{t('publicEntry.embed.title')}</summary>
      <p className="hint">{t('publicEntry.embed.hint')}</p>
      <div className="field">
        <label htmlFor="embed-code">{t('publicEntry.embed.code')}</label>
        <textarea
          id="embed-code"
          readOnly
          rows={4}
          value={code}
          onFocus={(e) => e.target.select()}
          data-testid="embed-code"
        />
      </div>
      <div className="actions">
        <button
          type="button"
          className="button button-secondary"
          onClick={() => void copyText(code).then(setCopied)}
          data-testid="embed-copy"
        >
          {t('publicEntry.embed.copy')}
        </button>
      </div>
      {copied !== null && (
        <p role="status" className="hint">
          {copied ? t('publicEntry.embed.copied') : t('publicEntry.share.copyFailed')}
        </p>
      )}
    </details>
  );
}
