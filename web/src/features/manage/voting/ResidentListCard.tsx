import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Popconfirm, Space, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@core/time.ts';
import { api, ApiError, enc } from '../../../api/client.ts';
import { currentLanguage } from '../../../i18n/index.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';

interface ResidentList {
  restricted: boolean;
  numbers: number;
  loadedAt: string | null;
  loadedBy: string | null;
}

interface RowError {
  line: number;
  vi: string;
  en: string;
}

function rowErrorsOf(err: unknown): RowError[] {
  if (!(err instanceof ApiError) || err.code !== 'residents.rowErrors') return [];
  const rows = (err.details as { rows?: unknown } | undefined)?.rows;
  return Array.isArray(rows) ? (rows as RowError[]) : [];
}

/**
 * The resident list: how many numbers it holds and who loaded it, and for the organizer, loading a CSV that
 * replaces it or clearing it. The server keeps keyed hashes only, so the list cannot be shown back.
 */
export function ResidentListCard({ slug, editable, tz }: { slug: string; editable: boolean; tz: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const key = ['voting-residents', slug];
  const url = `/api/contests/${enc(slug)}/voting/residents`;
  const view = useQuery({ queryKey: key, queryFn: () => api<ResidentList>(url) });
  const load = useMutation({
    mutationFn: (file: File) =>
      api<{ numbers: number; duplicates: number }>(url, {
        method: 'PUT',
        raw: { body: file, contentType: 'text/csv' },
      }),
    onSuccess: async (r) => {
      message.success(t('residents.loaded', { count: r.numbers, duplicates: r.duplicates }));
      await qc.invalidateQueries({ queryKey: key });
    },
  });
  const clear = useMutation({
    mutationFn: () => api<{ removed: number }>(url, { method: 'DELETE' }),
    onSuccess: async () => {
      message.success(t('residents.cleared'));
      await qc.invalidateQueries({ queryKey: key });
    },
  });
  const rows = rowErrorsOf(load.error);
  const lang = currentLanguage();
  const v = view.data;
  return (
    <Card title={t('residents.title')} style={{ marginBottom: 16 }} data-testid="resident-list">
      <p>{t('residents.intro')}</p>
      {!v ? (
        <ApiErrorAlert error={view.error} />
      ) : (
        <>
          {v.restricted && v.numbers === 0 && (
            <Alert type="warning" showIcon title={t('residents.emptyButRestricted')} style={{ marginBottom: 12 }} />
          )}
          <p data-testid="resident-count">
            {v.loadedAt
              ? t('residents.summary', {
                  count: v.numbers,
                  at: formatDateTime(v.loadedAt, tz),
                  by: v.loadedBy ?? '—',
                })
              : t('residents.none')}{' '}
            {v.restricted ? t('residents.restrictedOn') : t('residents.restrictedOff')}
          </p>
        </>
      )}
      {editable && (
        <Space wrap>
          <Upload
            accept=".csv,text/csv"
            showUploadList={false}
            beforeUpload={(file) => {
              load.mutate(file);
              return false;
            }}
          >
            <Button type="primary" loading={load.isPending} data-testid="resident-load">
              {t('residents.choose')}
            </Button>
          </Upload>
          {!!v?.numbers && (
            <Popconfirm title={t('residents.clearConfirm')} onConfirm={() => clear.mutate()}>
              <Button danger loading={clear.isPending} data-testid="resident-clear">
                {t('residents.clear')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      )}
      <div aria-live="polite" style={{ marginTop: 12 }}>
        {load.isError && <ApiErrorAlert error={load.error} />}
        {rows.length > 0 && (
          <ul data-testid="resident-row-errors">
            {rows.map((r) => (
              <li key={r.line}>{r[lang]}</li>
            ))}
          </ul>
        )}
        {clear.isError && <ApiErrorAlert error={clear.error} />}
      </div>
    </Card>
  );
}
