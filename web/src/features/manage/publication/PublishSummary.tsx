import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PublicationRow, PublishResult } from '../../../api/types.ts';
import { skippedByReason } from './publish-summary.ts';

/** What a publishing run did: how many went public, and which were left out and why. */
export function PublishSummary({
  result,
  rows,
  onClose,
}: {
  result: PublishResult;
  rows: readonly PublicationRow[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const groups = skippedByReason(result, rows);
  return (
    <Alert
      type={groups.some((g) => g.reason !== 'alreadyPublished') ? 'warning' : 'success'}
      showIcon
      closable={{ onClose, 'aria-label': t('publication.closeSummary') }}
      data-testid="publish-summary"
      style={{ marginBottom: 16 }}
      title={t('publication.summaryPublished', { count: result.published.length })}
      description={
        groups.length > 0 && (
          <>
            <p style={{ margin: '0 0 4px' }}>{t('publication.summarySkipped', { count: result.skipped.length })}</p>
            {groups.map((g) => (
              <div key={g.reason} data-testid={`skipped-${g.reason}`}>
                <strong>{t(`publication.skipReason.${g.reason}`)}</strong>
                <ul style={{ margin: '2px 0 8px', paddingInlineStart: 20 }}>
                  {g.entries.map((e) => (
                    <li key={e.entryId}>{e.label}</li>
                  ))}
                </ul>
              </div>
            ))}
          </>
        )
      }
    />
  );
}
