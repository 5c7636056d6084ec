import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Space, Table, Tag, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@core/time.ts';
import { ApiError, api, enc } from '../../../api/client.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';

interface Figures {
  postUrl: string;
  reactions: number;
  shares: number;
  comments: number;
  score: number;
  hasEvidence: boolean;
  editedBy: string;
  editedAt: string;
  confirmedBy: string | null;
  confirmedAt: string | null;
}

interface Row {
  entryId: number;
  code: string;
  title: string;
  figures: Figures | null;
}

interface View {
  formula: { vi: string; en: string };
  entries: Row[];
  final: boolean;
  confirmBlocked: { code: string; vi: string; en: string } | null;
}

type FormValues = Pick<Figures, 'postUrl' | 'reactions' | 'shares' | 'comments'>;

/** The row errors of a refused CSV import, in the reader's language. */
function rowErrors(error: unknown, lang: 'vi' | 'en'): string[] {
  if (!(error instanceof ApiError)) return [];
  const rows = (error.details as { rows?: { message: { vi: string; en: string } }[] } | undefined)?.rows;
  return Array.isArray(rows) ? rows.map((r) => r.message[lang]) : [];
}

/**
 * The fanpage's figures per published entry (ADR 0038): entered one by one or imported from CSV, each with a
 * screenshot of the post; confirmed by someone other than the last editor.
 */
export function FanpageCounts({ slug, tz, canRecord }: { slug: string; tz: string; canRecord: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const { message } = App.useApp();
  const qc = useQueryClient();
  const key = ['voting-fanpage', slug];
  const base = `/api/contests/${enc(slug)}/voting/fanpage`;
  const view = useQuery({ queryKey: key, queryFn: () => api<View>(base) });
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  const [editing, setEditing] = useState<Row | null>(null);
  const [shot, setShot] = useState<File | null>(null);
  const [form] = Form.useForm<FormValues>();

  const save = useMutation({
    mutationFn: async ({ row, values }: { row: Row; values: FormValues }) => {
      await api(`${base}/${row.entryId}`, { method: 'PUT', json: values });
      if (shot)
        await api(`${base}/${row.entryId}/evidence`, {
          method: 'POST',
          raw: { body: shot, contentType: 'application/octet-stream' },
        });
    },
    onSuccess: async () => {
      message.success(t('fanpage.saved'));
      setEditing(null);
      setShot(null);
      await refresh();
    },
  });
  const importCsv = useMutation({
    mutationFn: (file: File) =>
      api<{ rows: number; changed: number }>(`${base}/import`, {
        method: 'POST',
        raw: { body: file, contentType: 'text/csv' },
      }),
    onSuccess: async (r) => {
      message.success(t('fanpage.imported', { rows: r.rows, changed: r.changed }));
      await refresh();
    },
  });
  const confirm = useMutation({
    mutationFn: () => api<{ confirmed: number }>(`${base}/confirm`, { method: 'POST' }),
    onSuccess: async (r) => {
      message.success(t('fanpage.confirmedCount', { count: r.confirmed }));
      await refresh();
    },
  });

  const open = (row: Row) => {
    setEditing(row);
    setShot(null);
    form.setFieldsValue(row.figures ?? { postUrl: '', reactions: 0, shares: 0, comments: 0 });
  };
  const data = view.data;
  const errors = rowErrors(importCsv.error, lang);
  return (
    <Card title={t('fanpage.title')} style={{ marginTop: 16 }} data-testid="fanpage-card">
      <p>{t('fanpage.intro')}</p>
      {data && (
        <p data-testid="fanpage-formula">
          <strong>{data.formula[lang]}</strong>
        </p>
      )}
      <ApiErrorAlert error={view.error ?? confirm.error ?? importCsv.error} />
      {errors.length > 0 && (
        <Alert
          type="warning"
          style={{ marginBottom: 12 }}
          title={t('fanpage.rowErrors')}
          description={
            <ul>
              {errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          }
        />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        {canRecord && (
          <Upload
            accept=".csv,text/csv"
            showUploadList={false}
            beforeUpload={(file) => {
              importCsv.mutate(file);
              return false;
            }}
          >
            <Button loading={importCsv.isPending} data-testid="fanpage-import">
              {t('fanpage.importCsv')}
            </Button>
          </Upload>
        )}
        <Button
          type="primary"
          disabled={!!data?.confirmBlocked}
          loading={confirm.isPending}
          onClick={() => confirm.mutate()}
          data-testid="fanpage-confirm"
        >
          {t('fanpage.confirm')}
        </Button>
        {data?.final && <Tag color="green">{t('fanpage.final')}</Tag>}
      </Space>
      {data?.confirmBlocked && (
        <p className="manage-hint" data-testid="fanpage-confirm-blocked">
          {data.confirmBlocked[lang]}
        </p>
      )}
      <Table<Row>
        rowKey="entryId"
        size="small"
        loading={view.isFetching}
        dataSource={data?.entries ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        columns={[
          { title: t('fanpage.code'), dataIndex: 'code' },
          { title: t('fanpage.caption'), dataIndex: 'title', ellipsis: true },
          {
            title: t('fanpage.post'),
            key: 'post',
            render: (_: unknown, r) =>
              r.figures ? (
                <a href={r.figures.postUrl} target="_blank" rel="noreferrer noopener">
                  {t('fanpage.openPost')}
                </a>
              ) : (
                '—'
              ),
          },
          {
            title: t('fanpage.reactions'),
            key: 'reactions',
            align: 'right',
            render: (_: unknown, r) => r.figures?.reactions.toLocaleString(lang) ?? '—',
          },
          {
            title: t('fanpage.shares'),
            key: 'shares',
            align: 'right',
            render: (_: unknown, r) => r.figures?.shares.toLocaleString(lang) ?? '—',
          },
          {
            title: t('fanpage.comments'),
            key: 'comments',
            align: 'right',
            render: (_: unknown, r) => r.figures?.comments.toLocaleString(lang) ?? '—',
          },
          {
            title: t('fanpage.score'),
            key: 'score',
            align: 'right',
            render: (_: unknown, r) => r.figures?.score.toLocaleString(lang) ?? '—',
          },
          {
            title: t('fanpage.evidence'),
            key: 'evidence',
            render: (_: unknown, r) =>
              r.figures?.hasEvidence ? (
                <a href={`${base}/${r.entryId}/evidence`} target="_blank" rel="noreferrer noopener">
                  {t('fanpage.viewEvidence')}
                </a>
              ) : (
                <Tag color="orange">{t('fanpage.noEvidence')}</Tag>
              ),
          },
          {
            title: t('fanpage.status'),
            key: 'status',
            render: (_: unknown, r) =>
              !r.figures
                ? '—'
                : r.figures.confirmedBy
                  ? t('fanpage.confirmedBy', {
                      name: r.figures.confirmedBy,
                      at: formatDateTime(r.figures.confirmedAt!, tz),
                    })
                  : t('fanpage.editedBy', { name: r.figures.editedBy, at: formatDateTime(r.figures.editedAt, tz) }),
          },
          ...(canRecord
            ? [
                {
                  title: '',
                  key: 'edit',
                  render: (_: unknown, r: Row) => (
                    <Button size="small" onClick={() => open(r)} aria-label={`${t('fanpage.edit')} ${r.code}`}>
                      {t('fanpage.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing ? t('fanpage.editTitle', { code: editing.code }) : ''}
        okText={t('common.save')}
        confirmLoading={save.isPending}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <ApiErrorAlert error={save.error} />
        <Form<FormValues>
          form={form}
          layout="vertical"
          onFinish={(values) => editing && save.mutate({ row: editing, values })}
        >
          <Form.Item
            name="postUrl"
            label={t('fanpage.postUrl')}
            rules={[{ required: true, message: t('fanpage.postUrlRequired') }]}
          >
            <Input inputMode="url" placeholder="https://www.facebook.com/…" />
          </Form.Item>
          {(['reactions', 'shares', 'comments'] as const).map((k) => (
            <Form.Item
              key={k}
              name={k}
              label={t(`fanpage.${k}`)}
              rules={[{ required: true, message: t('fanpage.countRequired') }]}
            >
              <InputNumber min={0} max={1_000_000_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          ))}
          <Form.Item label={t('fanpage.screenshot')} extra={t('fanpage.screenshotHint')}>
            <input
              type="file"
              accept="image/png,image/jpeg,image/webp"
              aria-label={t('fanpage.screenshot')}
              data-testid="fanpage-screenshot"
              onChange={(e) => setShot(e.target.files?.[0] ?? null)}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
