import { Checkbox, Form, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { CHECKLIST_LABELS, JUDGED_ITEMS, type ChecklistItem } from '@core/review.ts';
import type { EntryReviews, UploadView } from '../../../api/types.ts';
import { currentLanguage } from '../../../i18n/index.ts';

type Staff = NonNullable<EntryReviews['staff']>;

/**
 * The plan's checklist: the items a reviewer judges by watching (ticked in the decision form when `editable`), and
 * those the server works out (the file's checks, the author details), shown as computed.
 */
export function Checklist({ staff, upload, editable }: { staff: Staff; upload: UploadView | null; editable: boolean }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const label = (item: ChecklistItem) => CHECKLIST_LABELS[item][lang];
  return (
    <section data-testid="review-checklist" style={{ marginBottom: 16 }}>
      <h2 className="manage-subtitle">{t('review.checklistTitle')}</h2>
      <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {JUDGED_ITEMS.map((item) => (
          <li key={item} style={{ marginBottom: 8 }} data-testid={`check-${item}`}>
            {editable ? (
              <Form.Item name={['ticks', item]} valuePropName="checked" style={{ marginBottom: 0 }}>
                <Checkbox>{label(item)}</Checkbox>
              </Form.Item>
            ) : (
              <span>
                {label(item)} <span className="manage-muted">{t('review.judgedByReviewer')}</span>
              </span>
            )}
            {item === 'originalRights' && <Originality staff={staff} upload={upload} />}
          </li>
        ))}
        {staff.checklist.map((row) => (
          <li key={row.item} style={{ marginBottom: 8 }} data-testid={`check-${row.item}`}>
            <Tag color={row.ok ? 'green' : 'red'}>{row.ok ? t('review.met') : t('review.notMet')}</Tag>
            {label(row.item as ChecklistItem)} <Tag>{t('review.computed')}</Tag>
            {row.item === 'authorDetailsComplete' && staff.missingAuthorDetails.length > 0 && (
              <ul className="manage-muted" style={{ fontSize: 13 }}>
                {staff.missingAuthorDetails.map((m) => (
                  <li key={m.field}>{m.message[lang]}</li>
                ))}
              </ul>
            )}
            {row.item === 'technicalPassed' && !row.ok && upload?.verdict && upload.verdict.failures.length > 0 && (
              <ul className="manage-muted" style={{ fontSize: 13 }}>
                {upload.verdict.failures.map((f) => (
                  <li key={f.rule}>{f.message[lang]}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The originality screening's flags on the file: other entries or reference clips it resembles. */
function Originality({ staff, upload }: { staff: Staff; upload: UploadView | null }) {
  const { t } = useTranslation();
  const flags = staff.originalityFlags;
  if (flags.length === 0) {
    const verdict = upload?.verdict
      ? upload.verdict.ok
        ? t('review.verdictOk')
        : t('review.verdictFailed')
      : t('review.verdictNone');
    return (
      <div className="manage-muted" style={{ fontSize: 13, marginInlineStart: 24 }} data-testid="originality-none">
        {t('review.noFlags')} {verdict}
      </div>
    );
  }
  return (
    <ul style={{ fontSize: 13, marginInlineStart: 24 }} data-testid="originality-flags">
      {flags.map((f, i) => (
        <li key={i}>
          <Tag color="volcano">{Math.round(f.score * 100)}%</Tag>
          {f.referenceTitle ? (
            t('review.flagReference', { title: f.referenceTitle })
          ) : f.otherEntryId ? (
            <a href={`/entries/${f.otherEntryId}`} target="_blank" rel="noreferrer">
              {t('review.flagEntry', { code: f.otherEntryCode ?? `#${f.otherEntryId}` })}
            </a>
          ) : (
            t('review.flagUnknown')
          )}
        </li>
      ))}
    </ul>
  );
}
