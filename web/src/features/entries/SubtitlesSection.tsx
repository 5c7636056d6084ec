import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DEFAULT_SUBTITLE_LANG, SUBTITLE_LANGS } from '@core/subtitle-languages.ts';
import { entryKey, renditionsKey } from '../../api/entries.ts';
import { errorText } from '../../api/errors.ts';
import { deleteSubtitles, subtitlesKey, uploadSubtitles, useSubtitles } from '../../api/subtitles.ts';
import type { SubtitleSaved, SubtitleTrack } from '../../api/types.ts';
import { Notice } from '../../components/Notice.tsx';

/**
 * The entry's subtitle tracks: what is there (with a link to the cleaned WebVTT file), and, for whoever may change
 * them now, choosing a .srt or .vtt file and its language, uploading, deleting. The server checks and cleans every
 * file and answers errors in the user's language.
 */
export function SubtitlesSection({ entryId }: { entryId: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useSubtitles(entryId);
  const langId = useId();
  const fileId = useId();
  const [lang, setLang] = useState<string>(DEFAULT_SUBTITLE_LANG);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<{ saved?: SubtitleSaved; deleted?: string } | null>(null);

  if (list.isPending) return null;
  if (list.isError) return <Notice kind="error">{errorText(list.error, t('errors.unreachable'))}</Notice>;
  const { tracks, canEdit } = list.data;
  if (!canEdit && tracks.length === 0) return null;
  const existing = tracks.find((tr) => tr.lang === lang);

  // The list, the player's tracks and the entry's history all change.
  const refresh = () =>
    Promise.all(
      [subtitlesKey(entryId), renditionsKey(entryId), entryKey(entryId)].map((queryKey) =>
        qc.invalidateQueries({ queryKey }),
      ),
    );

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await action();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      void refresh();
    }
  }

  function picked(e: ChangeEvent<HTMLInputElement>) {
    setFile(e.target.files?.[0] ?? null);
    setError(null);
    setDone(null);
  }

  function upload(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    void run(async () => {
      const saved = await uploadSubtitles(entryId, lang, file);
      setFile(null);
      setDone({ saved });
    });
  }

  function remove(track: SubtitleTrack) {
    void run(async () => {
      await deleteSubtitles(entryId, track.lang);
      setDone({ deleted: track.label });
    });
  }

  return (
    <section className="card subtitles" aria-labelledby="subtitles-title" data-testid="subtitles-section">
      <h2 id="subtitles-title">{t('subtitles.title')}</h2>
      {canEdit && <p className="hint">{t('subtitles.hint')}</p>}
      {tracks.length === 0 ? (
        <p data-testid="subtitles-none">{t('subtitles.none')}</p>
      ) : (
        <ul className="plain-list subtitle-tracks" data-testid="subtitle-tracks">
          {tracks.map((tr) => (
            <li key={tr.lang} data-testid={`subtitle-track-${tr.lang}`}>
              <strong lang={tr.lang}>{tr.label}</strong>
              {' · '}
              {t('subtitles.cues', { count: tr.cueCount })}
              {' · '}
              {tr.sourceFormat === 'srt' ? t('subtitles.fromSrt') : t('subtitles.fromVtt')}
              {' · '}
              <a href={tr.url} target="_blank" rel="noopener">
                {t('subtitles.view')}
              </a>
              {canEdit && (
                <>
                  {' '}
                  <button
                    type="button"
                    className="button button-secondary subtitle-delete"
                    onClick={() => remove(tr)}
                    disabled={busy}
                    aria-label={t('subtitles.deleteLabel', { label: tr.label })}
                    data-testid={`subtitle-delete-${tr.lang}`}
                  >
                    {t('subtitles.delete')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {!canEdit && <p className="hint">{t('subtitles.readOnly')}</p>}

      {canEdit && (
        <form className="subtitle-form" onSubmit={upload} data-testid="subtitle-form">
          <div className="field">
            <label htmlFor={langId}>{t('subtitles.language')}</label>
            <select id={langId} value={lang} onChange={(e) => setLang(e.target.value)} data-testid="subtitle-lang">
              {SUBTITLE_LANGS.map((l) => (
                <option key={l} value={l}>
                  {t(`subtitles.languages.${l}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field file-pick">
            <span className="label">{t('subtitles.file')}</span>
            {/* The native input is kept (keyboard, screen readers) but drawn as the button its label is. */}
            <input
              id={fileId}
              type="file"
              accept=".srt,.vtt,text/vtt,application/x-subrip"
              className="file-input"
              onChange={picked}
              data-testid="subtitle-file"
            />
            <label htmlFor={fileId} className="button button-secondary file-button">
              {t('subtitles.choose')}
            </label>
            {file && (
              <p className="hint" data-testid="subtitle-chosen">
                {t('subtitles.chosen', { name: file.name })}
              </p>
            )}
          </div>
          {existing && <p className="hint">{t('subtitles.replaces', { label: existing.label })}</p>}
          <button type="submit" className="button" disabled={!file || busy} data-testid="subtitle-upload">
            {busy ? t('common.working') : t('subtitles.upload')}
          </button>
        </form>
      )}

      {error !== null && (
        <Notice kind="error" testId="subtitle-error">
          {errorText(error, t('errors.unreachable'))}
        </Notice>
      )}
      {done?.saved && (
        <Notice kind="success" testId="subtitle-saved">
          <p>{t('subtitles.saved', { label: done.saved.label, count: done.saved.cueCount })}</p>
          {done.saved.removed.styleBlocks + done.saved.removed.regionBlocks > 0 && (
            <p>{t('subtitles.removedBlocks')}</p>
          )}
          {done.saved.removed.tags > 0 && <p>{t('subtitles.removedTags', { count: done.saved.removed.tags })}</p>}
          {done.saved.removed.emptyCues > 0 && (
            <p>{t('subtitles.removedEmpty', { count: done.saved.removed.emptyCues })}</p>
          )}
        </Notice>
      )}
      {done?.deleted && (
        <Notice kind="success" testId="subtitle-deleted">
          {t('subtitles.deleted', { label: done.deleted })}
        </Notice>
      )}
    </section>
  );
}
