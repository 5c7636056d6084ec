import type { Actor, Deps } from '../../context.ts';
import { authorize } from '../access/authorize.ts';
import { findContestRow } from '../contests/load-contest.ts';
import { loadDocumentSettings, type StoredDocumentSettings } from './document-settings-facts.ts';

/** The contest's document details for whoever may draft its documents (they are printed on every one). */
export async function getDocumentSettings(deps: Deps, actor: Actor, slug: string): Promise<StoredDocumentSettings> {
  const contest = await findContestRow(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'documents.generate', { auditDenied: false });
  return loadDocumentSettings(deps.db, contest.id);
}
