import { lazy, Suspense, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

// The sheet, its forms and the proof-of-work widget load on the first tap: the pages carry only this button.
const VoteDialog = lazy(() => import('./VoteDialog.tsx'));

/** "Bình chọn" on an entry's page and its gallery card, shown while voting is open. */
export function VoteButton({ slug, entryId, title }: { slug: string; entryId: number; title: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        ref={button}
        type="button"
        className="button vote-button"
        aria-haspopup="dialog"
        aria-label={t('vote.buttonFor', { title })}
        onClick={() => setOpen(true)}
        data-testid={`vote-button-${entryId}`}
      >
        {t('vote.button')}
      </button>
      {open && (
        <Suspense
          fallback={
            <span role="status" className="sr-only">
              {t('common.loading')}
            </span>
          }
        >
          <VoteDialog
            slug={slug}
            entryId={entryId}
            title={title}
            onClose={() => {
              setOpen(false);
              button.current?.focus();
            }}
          />
        </Suspense>
      )}
    </>
  );
}
