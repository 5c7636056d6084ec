import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { DEFAULT_TIME_ZONE } from '@core/time.ts';
import { useContest } from '../../../api/contests.ts';
import { useCan } from '../../../api/session.ts';
import { ArchiveCard } from './ArchiveCard.tsx';
import { BudgetCard } from './BudgetCard.tsx';
import { CertificatesCard } from './CertificatesCard.tsx';
import { DocumentSettingsCard } from './DocumentSettingsCard.tsx';
import { ResultDocumentsCard } from './ResultDocumentsCard.tsx';
import { RosterDecisions } from './RosterDecisions.tsx';

/** The contest's official paperwork: the decisions establishing its bodies, the budget with finance, the archive. */
export default function PaperworkTab() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const can = useCan(slug);
  const tz = useContest(slug).data?.timeZone ?? DEFAULT_TIME_ZONE;
  return (
    <>
      <h1 className="manage-title">{t('manage.tab.paperwork')}</h1>
      {can('documents.generate') && <DocumentSettingsCard slug={slug} canEdit={can('documents.settings')} />}
      {can('documents.generate') && <RosterDecisions slug={slug} />}
      {can('documents.generate') && <CertificatesCard slug={slug} />}
      {(can('documents.generate') || can('budget.view')) && (
        <ResultDocumentsCard slug={slug} canGenerate={can('documents.generate')} canViewBudget={can('budget.view')} />
      )}
      <BudgetCard slug={slug} timeZone={tz} />
      {can('archive.export') && <ArchiveCard slug={slug} />}
    </>
  );
}
