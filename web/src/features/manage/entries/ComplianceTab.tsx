import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Statistic, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { complianceKey, getCompliance } from '../../../api/entries.ts';
import type { Compliance } from '../../../api/types.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import { useCategoryName } from '../category-name.ts';

type Row = Compliance['units'][number];

/** R2: how far each unit is from its minimum and maximum, the units still below their minimum, refused files. */
export default function ComplianceTab() {
  const { slug = '' } = useParams();
  const categoryName = useCategoryName(slug);
  const { t } = useTranslation();
  const data = useQuery({ queryKey: complianceKey(slug), queryFn: () => getCompliance(slug), refetchInterval: 60_000 });
  const c = data.data;
  return (
    <>
      <h1 className="manage-title">{t('manage.tab.compliance')}</h1>
      <ApiErrorAlert error={data.error} />
      {c && (
        <div className="manage-stats">
          <Card size="small">
            <Statistic title={t('compliance.units')} value={c.units.length} />
          </Card>
          <Card size="small" data-testid="compliance-below">
            <Statistic
              title={t('compliance.below')}
              value={c.belowMinimum.length}
              valueStyle={{ color: c.belowMinimum.length ? '#cf1322' : '#389e0d' }}
            />
          </Card>
          <Card size="small" data-testid="compliance-refused">
            <Statistic
              title={t('compliance.refusedFiles')}
              value={c.refusedFiles}
              valueStyle={{ color: c.refusedFiles ? '#cf1322' : undefined }}
            />
            {c.refusedFiles > 0 && <Link to={`/manage/${slug}/entries`}>{t('compliance.seeEntries')}</Link>}
          </Card>
        </div>
      )}
      {c && c.belowMinimum.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('compliance.belowList', { count: c.belowMinimum.length })}
          description={c.belowMinimum.join(', ')}
          data-testid="compliance-below-list"
        />
      )}
      <Table<Row>
        rowKey="unitId"
        loading={data.isFetching}
        dataSource={c?.units ?? []}
        pagination={false}
        scroll={{ x: 640 }}
        data-testid="compliance-table"
        rowClassName={(r) => (r.belowMinimum ? 'manage-row-below' : '')}
        columns={[
          { title: t('compliance.unit'), dataIndex: 'unitName' },
          {
            title: t('compliance.category'),
            key: 'category',
            render: (_: unknown, r) => categoryName(r.categoryCode, r.categoryName),
          },
          {
            title: t('compliance.submitted'),
            dataIndex: 'submitted',
            align: 'right',
            render: (n: number, r) => <strong data-testid={`compliance-submitted-${r.unitId}`}>{n}</strong>,
          },
          { title: t('compliance.drafts'), dataIndex: 'drafts', align: 'right' },
          {
            title: t('compliance.returned'),
            dataIndex: 'returned',
            align: 'right',
            render: (n: number, r) => <span data-testid={`compliance-returned-${r.unitId}`}>{n}</span>,
          },
          {
            title: t('compliance.minMax'),
            key: 'minmax',
            align: 'right',
            render: (_: unknown, r) => `${r.minEntries} – ${r.maxEntries}`,
          },
          {
            title: t('compliance.state'),
            key: 'state',
            render: (_: unknown, r) =>
              r.belowMinimum ? (
                <Tag color="red">{t('compliance.stateBelow')}</Tag>
              ) : r.submitted >= r.maxEntries ? (
                <Tag color="blue">{t('compliance.stateFull')}</Tag>
              ) : (
                <Tag color="green">{t('compliance.stateOk')}</Tag>
              ),
          },
        ]}
      />
    </>
  );
}
