/**
 * A contest's stored document details, or the defaults a fresh contest prints with (the organizing committee issues,
 * its head signs). A read without a gate: callers authorize first.
 */
import { defaultDocumentSettings, type DocumentSettings } from '@core/documents/document-settings.ts';
import type { Tx } from '../../db/dialect.ts';
import { decodeDocumentSettings } from '../../db/json-columns.ts';

export interface StoredDocumentSettings {
  settings: DocumentSettings;
  /** False while the defaults stand: the organizer has not saved any. */
  stored: boolean;
  updatedAt: string | null;
  /** The organizing committee's head on the roster, who signs the certificates unless a name is stored. */
  committeeHead: string | null;
}

async function committeeHead(db: Tx, contestId: number): Promise<string | null> {
  const head = await db
    .selectFrom('roster_members')
    .select('full_name')
    .where('contest_id', '=', contestId)
    .where('body', '=', 'organizing_committee')
    .where('role_in_body', '=', 'head')
    .orderBy('id')
    .executeTakeFirst();
  return head?.full_name ?? null;
}

export async function loadDocumentSettings(db: Tx, contestId: number): Promise<StoredDocumentSettings> {
  const row = await db
    .selectFrom('document_settings')
    .select(['settings_json', 'updated_at'])
    .where('contest_id', '=', contestId)
    .executeTakeFirst();
  const head = await committeeHead(db, contestId);
  if (row)
    return {
      settings: decodeDocumentSettings(row.settings_json),
      stored: true,
      updatedAt: row.updated_at,
      committeeHead: head,
    };
  return { settings: defaultDocumentSettings(head), stored: false, updatedAt: null, committeeHead: head };
}
