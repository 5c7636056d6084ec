import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import type { ContestView } from '../../../api/types.ts';
import { currentLanguage } from '../../../i18n/index.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import { importContentType, importUnits, templateCsvUrl, unitsKey } from './units-api.ts';

interface RowError {
  row: number;
  message: { vi: string; en: string };
}

function rowErrorsOf(err: unknown): RowError[] {
  if (!(err instanceof ApiError) || err.code !== 'import.rowErrors') return [];
  const rows = (err.details as { rows?: unknown } | undefined)?.rows;
  return Array.isArray(rows) ? (rows as RowError[]) : [];
}

/** Import units from a CSV or XLSX file; every bad row is listed and nothing is imported until all are fixed. */
export function UnitImport({ slug, categories }: { slug: string; categories: ContestView['unitCategories'] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [badType, setBadType] = useState(false);
  const run = useMutation({
    mutationFn: ({ file, type }: { file: File; type: string }) => importUnits(slug, file, type),
    onSuccess: () => qc.invalidateQueries({ queryKey: unitsKey(slug) }),
  });
  const template = useMemo(() => templateCsvUrl(categories[0]?.code ?? 'commune'), [categories]);
  useEffect(() => () => URL.revokeObjectURL(template), [template]);
  const rows = rowErrorsOf(run.error);
  const lang = currentLanguage();

  return (
    <Card title={t('units.importTitle')} className="manage-section" data-testid="unit-import">
      <p>{t('units.importHint')}</p>
      <ul>
        {categories.map((c) => (
          <li key={c.code}>
            <code>{c.code}</code> — {c.name}
          </li>
        ))}
      </ul>
      <p>
        <a href={template} download="mau-don-vi.csv">
          {t('units.template')}
        </a>
      </p>
      <Upload
        accept=".csv,.xlsx"
        showUploadList={false}
        beforeUpload={(file) => {
          const type = importContentType(file.name);
          setBadType(!type);
          if (type) run.mutate({ file, type });
          return false;
        }}
      >
        <Button loading={run.isPending}>{t('units.chooseFile')}</Button>
      </Upload>
      <div aria-live="polite" style={{ marginTop: 16 }}>
        {badType && <Alert type="error" showIcon title={t('units.fileType')} />}
        {run.isSuccess && (
          <Alert
            type="success"
            showIcon
            title={t('units.imported', { created: run.data.created, updated: run.data.updated })}
            data-testid="import-result"
          />
        )}
        {run.isError && <ApiErrorAlert error={run.error} />}
        {rows.length > 0 && (
          <ul data-testid="import-row-errors">
            {rows.map((r) => (
              <li key={r.row}>{t('units.rowError', { row: r.row, message: r.message[lang] })}</li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
