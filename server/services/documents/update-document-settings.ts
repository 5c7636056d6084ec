import type { DocumentSettings } from '@core/documents/document-settings.ts';
import type { Actor, Deps } from '../../context.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import { findContestRow } from '../contests/load-contest.ts';
import { loadDocumentSettings, type StoredDocumentSettings } from './document-settings-facts.ts';

/**
 * Saves the contest's document details (already validated and NFC-normalised by documentSettingsSchema). Audited
 * with the parts that changed; the names are in the settings, not repeated in the log.
 */
export async function updateDocumentSettings(
  deps: Deps,
  actor: Actor,
  slug: string,
  settings: DocumentSettings,
): Promise<StoredDocumentSettings> {
  const contest = await findContestRow(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'documents.settings');
  return deps.db.transaction().execute(async (trx) => {
    const before = await loadDocumentSettings(trx, contest.id);
    const changed = (Object.keys(settings) as (keyof DocumentSettings)[]).filter(
      (k) => !before.stored || JSON.stringify(before.settings[k]) !== JSON.stringify(settings[k]),
    );
    const at = deps.clock().toISOString();
    const values = { settings_json: JSON.stringify(settings), updated_by: actor.userId, updated_at: at };
    if (before.stored)
      await trx.updateTable('document_settings').set(values).where('contest_id', '=', contest.id).execute();
    else
      await trx
        .insertInto('document_settings')
        .values({ contest_id: contest.id, ...values })
        .execute();
    await appendAudit(trx, deps, actor, {
      action: 'documents.settingsSaved',
      contestId: contest.id,
      target: `contest:${contest.id}`,
      details: { changed },
    });
    return { settings, stored: true, updatedAt: at, committeeHead: before.committeeHead };
  });
}
