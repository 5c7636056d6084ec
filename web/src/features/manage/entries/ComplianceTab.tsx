import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Popconfirm, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { deadlineText } from '@core/deadline.ts';
import { formatDateTime } from '@core/time.ts';
import { complianceKey, complianceXlsxUrl, getCompliance } from '../../../api/entries.ts';
import { errorText } from '../../../api/errors.ts';
import { useCan } from '../../../api/session.ts';
import type { Compliance } from '../../../api/types.ts';
import { currentLanguage } from '../../../i18n/index.ts';
import { DEADLINE_CHECK_MS, useServerNow } from '../../../lib/server-clock.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import { UnitContact } from '../units/UnitContact.tsx';
import { remindUnit } from '../units/units-api.ts';
import { useCategoryName } from '../category-name.ts';

type Row = Compliance['units'][number];

/** R2: how far each unit is from its minimum and maximum, the units still below their minimum, refused files. */
export default function ComplianceTab() {
  const { slug = '' } = useParams();
  const categoryName = useCategoryName(slug);
  const { t } = useTranslation();
  const data = useQuery({ queryKey: complianceKey(slug), queryFn: () => getCompliance(slug), refetchInterval: 60_000 });
  const c = data.data;
  const may = useCan(slug);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const remind = useMutation({
    mutationFn: (r: Row) => remindUnit(slug, r.unitId),
    onSuccess: async (_res, r) => {
      void message.success(t('unitContacts.reminded', { name: r.unitName }));
      await qc.invalidateQueries({ queryKey: complianceKey(slug) });
    },
    onError: (err) => void message.error(errorText(err, t('errors.unreachable'))),
  });
  const lang = currentLanguage();
  const now = useServerNow(0, DEADLINE_CHECK_MS);
  const zone = c?.timeZone;
  const deadline = c?.submissionEndsAt && zone ? deadlineText(c.submissionEndsAt, zone, lang) : null;
  const open = !!c?.submissionEndsAt && Date.parse(c.submissionEndsAt) > now.getTime();
  const mayRemind = may('units.remind') && open;
  return (
    <>
      <h1 className="manage-title">{t('manage.tab.compliance')}</h1>
      {deadline && <p data-testid="compliance-deadline">{deadline}</p>}
      <p>
        <Button href={complianceXlsxUrl(slug)} download data-testid="compliance-xlsx">
          {t('unitContacts.exportTable')}
        </Button>
      </p>
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
        scroll={{ x: 900 }}
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
            title: t('unitContacts.whoToCall'),
            key: 'contact',
            render: (_: unknown, r) =>
              r.belowMinimum ? (
                <div className="compliance-contact">
                  <UnitContact contact={r.contact} testId={`compliance-contact-${r.unitId}`} />
                  {r.lastRemindedAt && zone && (
                    <Typography.Text type="secondary" data-testid={`compliance-reminded-${r.unitId}`}>
                      {t('unitContacts.remindedAt', { at: formatDateTime(r.lastRemindedAt, zone) })}
                      {r.nextReminderAt && (
                        <>; {t('unitContacts.nextAt', { at: formatDateTime(r.nextReminderAt, zone) })}</>
                      )}
                    </Typography.Text>
                  )}
                  {mayRemind && (r.contact.email || r.contact.phone) ? (
                    <Popconfirm
                      title={t('unitContacts.remindConfirm', {
                        name: r.unitName,
                        submitted: r.submitted,
                        min: r.minEntries,
                        deadline: deadline ?? '',
                      })}
                      okText={t('unitContacts.remind')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => remind.mutate(r)}
                    >
                      <Button
                        size="small"
                        loading={remind.isPending && remind.variables?.unitId === r.unitId}
                        aria-label={t('unitContacts.remindNamed', { name: r.unitName })}
                        data-testid={`compliance-remind-${r.unitId}`}
                      >
                        {t('unitContacts.remind')}
                      </Button>
                    </Popconfirm>
                  ) : (
                    mayRemind && <Typography.Text type="secondary">{t('unitContacts.addHint')}</Typography.Text>
                  )}
                </div>
              ) : null,
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
