import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { facebookShareUrl } from './share.ts';

/**
 * Copies text; falls back to selecting a hidden field where the Clipboard API is refused (plain http, old browsers).
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

/**
 * Facebook's sharer; Zalo through the phone's share sheet (Web Share), where Zalo appears when installed, or else by
 * copying the link to paste in a chat: Zalo has no share address that works without its SDK, and we load no SDK.
 */
export function ShareBox({ url, title }: { url: string; title: string }) {
  const { t } = useTranslation();
  const [note, setNote] = useState<string | null>(null);

  const copy = async (forZalo: boolean) => {
    const ok = await copyText(url);
    setNote(
      ok
        ? t(forZalo ? 'publicEntry.share.copiedForZalo' : 'publicEntry.share.copied')
        : t('publicEntry.share.copyFailed'),
    );
  };
  const zalo = async () => {
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title, url });
        return;
      } catch (e) {
        if (e instanceof DOMException && e.name === 'AbortError') return;
      }
    }
    await copy(true);
  };

  return (
    <section className="card" aria-labelledby="share-title" data-testid="share-box">
      <h2 id="share-title">{t('publicEntry.share.title')}</h2>
      <div className="actions">
        <a
          className="button button-secondary"
          href={facebookShareUrl(url)}
          target="_blank"
          rel="noopener noreferrer"
          data-testid="share-facebook"
        >
          {t('publicEntry.share.facebook')}
        </a>
        <button type="button" className="button button-secondary" onClick={() => void zalo()} data-testid="share-zalo">
          {t('publicEntry.share.zalo')}
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => void copy(false)}
          data-testid="share-copy"
        >
          {t('publicEntry.share.copy')}
        </button>
      </div>
      <div className="field share-url">
        <label htmlFor="share-url">{t('publicEntry.share.link')}</label>
        <input id="share-url" readOnly value={url} onFocus={(e) => e.target.select()} data-testid="share-url" />
      </div>
      {note && (
        <p role="status" className="hint" data-testid="share-note">
          {note}
        </p>
      )}
    </section>
  );
}
