import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import type { z } from 'zod';
import type { subtitleSavedSchema } from '@core/api.ts';
import { AppError } from '@core/errors.ts';
import {
  defaultSubtitleLabel,
  isSubtitleLang,
  SUBTITLE_LABEL_MAX,
  SUBTITLE_LANGS,
  type SubtitleLang,
} from '@core/subtitle-languages.ts';
import { parseSubtitles } from '@core/subtitles.ts';
import { checkKey, type MediaStorage } from '../../storage/storage.ts';
import { appendAudit } from '../audit/append-audit.ts';
import type { Actor, Deps } from '../../context.ts';
import { subtitleTrackView } from './list-entry-subtitles.ts';
import { recordEntryEvent } from '../entries/record-entry-event.ts';
import { holdOwnerDraft, subtitleWriteAccess } from '../access/subtitle-access.ts';

export const VTT_CONTENT_TYPE = 'text/vtt; charset=utf-8';

export type SubtitleSavedView = z.infer<typeof subtitleSavedSchema>;

/** Where an entry's track in one language is kept in the media storage. */
export function subtitleKey(contestId: number, entryId: number, lang: SubtitleLang): string {
  return checkKey(`contests/${contestId}/entries/${entryId}/subtitles/${lang}.vtt`);
}

/** The language of a request, or the error that lists the supported ones. */
function subtitleLangOf(requested: string): SubtitleLang {
  const lang = requested.toLowerCase();
  if (!isSubtitleLang(lang))
    throw new AppError('subtitles.lang', { lang: requested.slice(0, 35), allowed: SUBTITLE_LANGS.join(', ') });
  return lang;
}

function cleanLabel(label: string | undefined): string {
  return (label ?? '')
    .normalize('NFC')
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, SUBTITLE_LABEL_MAX);
}

async function readAll(storage: MediaStorage, key: string): Promise<Buffer | null> {
  const obj = await storage.get(key);
  if (!obj) return null;
  const chunks: Buffer[] = [];
  for await (const c of obj.body) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Adds or replaces an entry's subtitle track in one language: the uploaded WebVTT or SubRip file is checked and
 * cleaned (core/subtitles.ts), stored as WebVTT, and recorded. The entrant while the entry is editable; intake staff
 * at any time, audited (see subtitle-access.ts).
 *
 * The file is stored before the row is written, so the row never names a file that is not there. Should the entry
 * be submitted in between (the transaction refuses the owner's change), the file it had is put back.
 */
export async function saveEntrySubtitles(
  deps: Deps,
  actor: Actor,
  entryId: number,
  requestedLang: string,
  bytes: Uint8Array,
  opts: { label?: string } = {},
): Promise<SubtitleSavedView> {
  const { access, contest, asStaff } = await subtitleWriteAccess(deps, actor, entryId, 'entry.subtitlesSave');
  const lang = subtitleLangOf(requestedLang);
  const parsed = parseSubtitles(bytes);
  if (!parsed.ok) throw new AppError(parsed.code, parsed.params);
  const body = Buffer.from(parsed.vtt, 'utf8');
  const key = subtitleKey(contest.id, access.entry.id, lang);
  const previous = asStaff ? null : await readAll(deps.storage, key);
  await deps.storage.putStream(key, Readable.from([body]), {
    contentType: VTT_CONTENT_TYPE,
    sha256: crypto.createHash('sha256').update(body).digest('hex'),
  });

  const at = deps.clock().toISOString();
  const values = {
    label: cleanLabel(opts.label) || defaultSubtitleLabel(lang),
    storage_key: key,
    size_bytes: body.length,
    cue_count: parsed.cueCount,
    source_format: parsed.format,
    updated_by_user_id: actor.userId,
    updated_at: at,
  };
  try {
    await deps.db.transaction().execute(async (trx) => {
      if (!asStaff) await holdOwnerDraft(trx, entryId, at);
      await trx
        .insertInto('subtitles')
        .values({ entry_id: entryId, lang, created_at: at, ...values })
        .onConflict((oc) => oc.columns(['entry_id', 'lang']).doUpdateSet(values))
        .execute();
      await recordEntryEvent(trx, entryId, at, actor.userId, 'subtitles.saved', {
        lang,
        cues: parsed.cueCount,
        format: parsed.format,
      });
      if (asStaff) {
        await appendAudit(trx, deps, actor, {
          action: 'entry.subtitlesSave',
          contestId: contest.id,
          target: `entry:${entryId}`,
          details: { lang, cues: parsed.cueCount, bytes: body.length, format: parsed.format },
        });
      }
    });
  } catch (err) {
    if (!asStaff) {
      await (
        previous
          ? deps.storage.putStream(key, Readable.from([previous]), { contentType: VTT_CONTENT_TYPE })
          : deps.storage.delete(key)
      ).catch((e: unknown) =>
        deps.logger.error({ err: e, entryId, lang }, 'could not restore the subtitle file after a refused change'),
      );
    }
    throw err;
  }
  const row = await deps.db
    .selectFrom('subtitles')
    .selectAll()
    .where('entry_id', '=', entryId)
    .where('lang', '=', lang)
    .executeTakeFirstOrThrow();
  return { ...subtitleTrackView(row), removed: parsed.removed };
}
