import { App, Button, Card, Form, InputNumber, List, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@core/time.ts';
import { retentionKey, setRetention, useRetention } from '../../../api/privacy.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';

/** How long the non-winners' contact details are kept after the results, and what the job has removed (ADR 0042). */
export function RetentionCard({ slug, timeZone }: { slug: string; timeZone: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const retention = useRetention(slug);
  const save = useMutation({
    mutationFn: (months: number) => setRetention(slug, months),
    onSuccess: (r) => {
      qc.setQueryData(retentionKey(slug), r);
      void message.success(t('common.saved'));
    },
  });
  if (!retention.data) return <ApiErrorAlert error={retention.error} />;
  return (
    <Card title={t('retention.title')} style={{ marginTop: 24 }} data-testid="retention-card">
      <Typography.Paragraph type="secondary">{t('retention.intro')}</Typography.Paragraph>
      <ApiErrorAlert error={save.error} />
      <Form
        layout="vertical"
        name="retention"
        initialValues={{ months: retention.data.months }}
        onFinish={(v: { months: number }) => save.mutate(v.months)}
      >
        <Form.Item name="months" label={t('retention.months')} rules={[{ required: true }]}>
          <InputNumber min={0} max={120} precision={0} data-testid="retention-months" />
        </Form.Item>
        <Button htmlType="submit" loading={save.isPending} data-testid="retention-save">
          {t('common.save')}
        </Button>
      </Form>
      <List
        style={{ marginTop: 16 }}
        size="small"
        locale={{ emptyText: t('retention.noneYet') }}
        dataSource={retention.data.runs}
        renderItem={(r) => (
          <List.Item>{t(`retention.ran.${r.kind}`, { at: formatDateTime(r.ranAt, timeZone), ...r.report })}</List.Item>
        )}
      />
    </Card>
  );
}
