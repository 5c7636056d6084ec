import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ReferenceClipView } from '@core/reference-clips.ts';
import { formatDateTime } from '@core/time.ts';
import { formatDuration } from '@core/video-policy.ts';
import { useContest } from '../../../api/contests.ts';
import { errorText } from '../../../api/errors.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import { ConfirmButton } from '../ConfirmButton.tsx';
import {
  deleteReferenceClip,
  listReferenceClips,
  loadReferenceClip,
  referenceContentType,
  referencesKey,
} from './references-api.ts';

interface FormValues {
  title: string;
  source: string;
}

/** R9: the reference library: clips the entries are screened against, what matched them, loading and deleting. */
export default function ReferencesTab() {
  const { slug = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const { message } = App.useApp();
  const qc = useQueryClient();
  const tz = useContest(slug).data?.timeZone;
  const [form] = Form.useForm<FormValues>();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const clips = useQuery({ queryKey: referencesKey(slug), queryFn: () => listReferenceClips(slug) });
  const refresh = () => qc.invalidateQueries({ queryKey: referencesKey(slug) });

  const load = useMutation({
    mutationFn: ({ values, file, type }: { values: FormValues; file: File; type: string }) =>
      loadReferenceClip(slug, { ...values, file }, type),
    onSuccess: (out) => {
      void message.success(t('referenceLibrary.loaded', { count: out.flags }));
      form.resetFields();
      setFile(null);
      void refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: number) => deleteReferenceClip(slug, id),
    onSuccess: () => {
      void message.success(t('referenceLibrary.deleted'));
      void refresh();
    },
    onError: (err) => void message.error(errorText(err, t('errors.unreachable'))),
  });

  /** The file's content type, or null with the file's error shown. */
  const checkFile = () => {
    const type = file && referenceContentType(file);
    setFileError(type ? null : t(file ? 'referenceLibrary.fileType' : 'referenceLibrary.fileMissing'));
    return type;
  };
  const submit = (values: FormValues) => {
    const type = checkFile();
    if (file && type) load.mutate({ values, file, type });
  };

  return (
    <>
      <h1 className="manage-title">{t('manage.tab.references')}</h1>
      <p className="manage-muted" style={{ fontSize: 14 }}>
        {t('referenceLibrary.intro')}
      </p>
      <Card title={t('referenceLibrary.addTitle')} size="small" style={{ marginBottom: 16 }}>
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          onFinishFailed={checkFile}
          disabled={load.isPending}
          data-testid="reference-form"
        >
          <Form.Item
            name="title"
            label={t('referenceLibrary.title')}
            rules={[{ required: true, whitespace: true, message: t('referenceLibrary.titleMissing') }]}
          >
            <Input maxLength={300} data-testid="reference-title" />
          </Form.Item>
          <Form.Item
            name="source"
            label={t('referenceLibrary.source')}
            extra={t('referenceLibrary.sourceHint')}
            rules={[{ required: true, whitespace: true, message: t('referenceLibrary.sourceMissing') }]}
          >
            <Input maxLength={1000} data-testid="reference-source" />
          </Form.Item>
          <Form.Item
            label={t('referenceLibrary.file')}
            htmlFor="reference-file"
            required
            validateStatus={fileError ? 'error' : undefined}
            help={fileError ?? t('referenceLibrary.fileHint')}
          >
            <input
              id="reference-file"
              type="file"
              accept="video/mp4,video/quicktime,.mp4,.mov"
              aria-required="true"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setFileError(null);
              }}
              data-testid="reference-file"
            />
          </Form.Item>
          <ApiErrorAlert error={load.error} />
          <Button type="primary" htmlType="submit" loading={load.isPending} data-testid="reference-submit">
            {load.isPending ? t('referenceLibrary.loading') : t('referenceLibrary.add')}
          </Button>
        </Form>
      </Card>
      <ApiErrorAlert error={clips.error} />
      {clips.data?.length === 0 ? (
        <Empty description={t('referenceLibrary.empty')} />
      ) : (
        <Table<ReferenceClipView>
          rowKey="id"
          size="small"
          loading={clips.isPending}
          dataSource={clips.data}
          pagination={false}
          scroll={{ x: 800 }}
          data-testid="reference-table"
          columns={[
            {
              title: t('referenceLibrary.title'),
              dataIndex: 'title',
              render: (_, c) => (
                <>
                  <strong>{c.title}</strong>
                  <div className="manage-muted">{c.source}</div>
                </>
              ),
            },
            {
              title: t('referenceLibrary.duration'),
              dataIndex: 'durationSec',
              width: 110,
              render: (s: number) => formatDuration(Math.round(s), lang),
            },
            {
              title: t('referenceLibrary.loadedBy'),
              dataIndex: 'createdAt',
              width: 190,
              render: (_, c) => (
                <>
                  {formatDateTime(c.createdAt, tz)}
                  {c.createdBy && <div className="manage-muted">{c.createdBy}</div>}
                </>
              ),
            },
            {
              title: t('referenceLibrary.matches'),
              dataIndex: 'matches',
              render: (_, c) =>
                c.matches.length === 0 ? (
                  <span className="manage-muted">{t('referenceLibrary.noMatch')}</span>
                ) : (
                  <ul className="reference-matches" data-testid={`reference-matches-${c.id}`}>
                    {c.matches.map((m) => (
                      <li key={m.entryId}>
                        <Link to={`/entries/${m.entryId}`}>{m.code ?? t('referenceLibrary.draft')}</Link> {m.title}{' '}
                        <Tag color="red">{t('referenceLibrary.score', { score: m.score })}</Tag>
                      </li>
                    ))}
                  </ul>
                ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 90,
              render: (_, c) => (
                <ConfirmButton
                  title={t('referenceLibrary.deleteConfirm', { count: c.matches.length })}
                  okText={t('common.delete')}
                  ariaLabel={`${t('common.delete')}: ${c.title}`}
                  onConfirm={() => remove.mutate(c.id)}
                  loading={remove.isPending && remove.variables === c.id}
                  testId={`reference-delete-${c.id}`}
                />
              ),
            },
          ]}
        />
      )}
    </>
  );
}
