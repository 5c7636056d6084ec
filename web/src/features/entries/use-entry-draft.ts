import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';
import { saveEntry } from '../../api/entries.ts';
import type { EntryDraft } from '../../api/types.ts';
import { draftForSaving } from './draft.ts';

const AUTOSAVE_MS = 1500;

export interface EntryDraftState {
  draft: EntryDraft;
  /** Takes the entrant's edit: the draft is unsaved until the next save succeeds. */
  change: (next: EntryDraft) => void;
  /** Saves now; false when the server refused (the error is in `saveError`). */
  save: () => Promise<boolean>;
  /** Saves first if anything is unsaved; true when nothing is left unsaved. */
  flush: () => Promise<boolean>;
  dirty: boolean;
  saving: boolean;
  savedAt: Date | null;
  saveError: unknown;
}

interface Options {
  slug: string;
  entryId: number;
  initial: EntryDraft;
  /** False for a reader (staff, or a sent entry): nothing is saved. */
  editable: boolean;
  onSaved: () => void;
}

/**
 * The entry's draft while its owner edits it: saved a moment after the last change, on demand, and when the page is
 * left within that moment. A failed save is not retried in a loop: autosave waits for the next change.
 */
export function useEntryDraft({ slug, entryId, initial, editable, onSaved }: Options): EntryDraftState {
  const [draft, setDraft] = useState<EntryDraft>(initial);
  /** Counts the changes, so that a save that finishes after a newer change leaves the draft unsaved. */
  const version = useRef(0);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  /** The draft version whose save failed. */
  const [failedVersion, setFailedVersion] = useState<number | null>(null);

  const save = useCallback(async (): Promise<boolean> => {
    const v = version.current;
    setSaving(true);
    try {
      await saveEntry(slug, entryId, draftForSaving(draft));
      setSaveError(null);
      setSavedAt(new Date());
      if (version.current === v) setDirty(false);
      onSaved();
      return true;
    } catch (err) {
      setSaveError(err);
      setFailedVersion(v);
      return false;
    } finally {
      setSaving(false);
    }
  }, [slug, entryId, draft, onSaved]);

  const change = useCallback((next: EntryDraft) => {
    version.current++;
    setDraft(next);
    setDirty(true);
  }, []);

  const flush = useCallback(() => (dirty ? save() : Promise.resolve(true)), [dirty, save]);

  useEffect(() => {
    if (!dirty || !editable || saving || failedVersion === version.current) return;
    const timer = setTimeout(() => void save(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [dirty, editable, saving, failedVersion, save]);

  // Reads the state of the last render when the page goes away, not the state of the first.
  const saveOnLeave = useEffectEvent(() => {
    if (dirty && editable && !saving) void save();
  });
  useEffect(() => () => saveOnLeave(), []);

  return { draft, change, save, flush, dirty, saving, savedAt, saveError };
}
