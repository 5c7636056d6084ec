/** Table columns that several staff tabs show alike. */
import type { ReactNode } from 'react';
import type { TableColumnType } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@core/time.ts';

/** The usual paging of a staff table: 50 rows a page, no pager for a single page. */
export const PAGINATION = { pageSize: 50, hideOnSinglePage: true } as const;

/** The entry's code, kept on one line; a dash before it has one. */
export function codeColumn<T extends { code: string | null }>(title: string): TableColumnType<T> {
  return {
    title,
    dataIndex: 'code',
    render: (code: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{code ?? '—'}</span>,
    width: 140,
  };
}

/** The work's title as `open` links it (to its page, or to a drawer), with its form below. */
export function workColumn<T extends { title: string; form: string | null }>(
  title: string,
  open: (row: T, title: ReactNode) => ReactNode,
): TableColumnType<T> {
  return {
    title,
    dataIndex: 'title',
    render: (_: string, r) => (
      <>
        {open(r, <WorkTitle title={r.title} />)}
        <EntryFormName form={r.form} />
      </>
    ),
  };
}

/** Who entered: the unit with its representative below, or the person; `extra` adds a mark under them. */
export function partyColumn<T extends { unitName: string | null; entrantName: string }>(
  title: string,
  extra?: (row: T) => ReactNode,
): TableColumnType<T> {
  return {
    title,
    key: 'party',
    render: (_: unknown, r) => (
      <>
        <div>{r.unitName ?? r.entrantName}</div>
        {r.unitName && r.entrantName && <div className="manage-muted">{r.entrantName}</div>}
        {extra?.(r)}
      </>
    ),
  };
}

/** A moment in the contest's time zone; a dash when there is none. */
export function dateTimeColumn<T, K extends keyof T & string>(
  title: string,
  dataIndex: K,
  timeZone: string | undefined,
  width = 150,
): TableColumnType<T> {
  return {
    title,
    dataIndex,
    render: (at: string | null) => (at ? formatDateTime(at, timeZone) : '—'),
    width,
  };
}

/** The actions column, only for those who may act: spread it into the columns (`...actionsColumn(...)`). */
export function actionsColumn<T>(show: boolean, title: string, render: (row: T) => ReactNode): TableColumnType<T>[] {
  return show ? [{ title, key: 'actions', render: (_: unknown, r: T) => render(r) }] : [];
}

function WorkTitle({ title }: { title: string }) {
  const { t } = useTranslation();
  return <>{title || t('entry.untitled')}</>;
}

function EntryFormName({ form }: { form: string | null }) {
  const { t } = useTranslation();
  return form ? <div className="manage-muted">{t(`entryForm.${form}`)}</div> : null;
}
