import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n/index.ts';
import type { EntryDraftState } from './use-entry-draft.ts';

/** The save button and what the draft's state is: saving, unsaved, saved at 14:05, or all saved. */
export function SaveBar({ draft }: { draft: Pick<EntryDraftState, 'save' | 'dirty' | 'saving' | 'savedAt'> }) {
  const { t } = useTranslation();
  const { saving, dirty, savedAt } = draft;
  const time = savedAt?.toLocaleTimeString(currentLanguage() === 'vi' ? 'vi-VN' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
  });
  return (
    <div className="savebar" data-testid="savebar">
      <button
        type="button"
        className="button button-secondary"
        onClick={() => void draft.save()}
        disabled={saving || !dirty}
        data-testid="save-draft"
      >
        {saving ? t('common.working') : t('entry.save')}
      </button>
      <span className="save-state" role="status" data-testid="save-state">
        {saving
          ? t('entry.saving')
          : dirty
            ? t('entry.unsaved')
            : time
              ? t('entry.savedAt', { time })
              : t('entry.savedAll')}
      </span>
    </div>
  );
}
