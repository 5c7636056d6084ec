import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { deleteEntry, entryKey, myEntriesKey } from '../../api/entries.ts';
import { ConfirmAction } from './ConfirmAction.tsx';

/** Deleting an entry and all its files: the entrant's own draft, or any entry by the organizer with a reason. */
export function DeleteEntry({
  entryId,
  asOrganizer,
  backTo,
}: {
  entryId: number;
  asOrganizer: boolean;
  backTo: string;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [reason, setReason] = useState('');
  return (
    <section className="card delete-entry no-print" aria-labelledby="delete-title" data-testid="delete-entry">
      <h2 id="delete-title">{t('entry.delete.title')}</h2>
      <p className="hint">{t(asOrganizer ? 'entry.delete.hintOrganizer' : 'entry.delete.hint')}</p>
      <ConfirmAction
        keys="entry.delete"
        testId="delete"
        run={async () => {
          await deleteEntry(entryId, asOrganizer ? reason : undefined);
          qc.removeQueries({ queryKey: entryKey(entryId) });
          // The list may be cached from before: drop the entry at once rather than show it until the refetch.
          qc.setQueryData<{ id: number }[]>(myEntriesKey, (list) => list?.filter((e) => e.id !== entryId));
          await qc.invalidateQueries({ queryKey: myEntriesKey });
          navigate(backTo, { replace: true });
        }}
      >
        {asOrganizer && (
          <label className="field">
            <span>{t('entry.delete.reason')}</span>
            <textarea
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              rows={2}
              maxLength={1000}
              data-testid="delete-reason"
            />
          </label>
        )}
      </ConfirmAction>
    </section>
  );
}
