import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { errorText } from '../../../api/errors.ts';
import { useContest } from '../../../api/contests.ts';
import { useCan } from '../../../api/session.ts';
import type { UnitView } from '../../../api/types.ts';
import { useDebounced } from '../../../lib/use-debounced.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import { useCategoryName } from '../category-name.ts';
import { actionsColumn, PAGINATION } from '../columns.tsx';
import { ConfirmButton } from '../ConfirmButton.tsx';
import { SearchInput } from '../filters.tsx';
import { deleteUnit, listUnits, unitsKey } from './units-api.ts';
import { UnitImport } from './UnitImport.tsx';
import { UnitContact } from './UnitContact.tsx';
import { UnitModal } from './UnitModal.tsx';

export default function UnitsTab() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const may = useCan(slug);
  const editable = may('units.edit');
  const qc = useQueryClient();
  const contest = useContest(slug);
  const categoryName = useCategoryName(slug);
  const [q, setQ] = useState('');
  const query = useDebounced(q);
  const units = useQuery({
    queryKey: [...unitsKey(slug), query],
    queryFn: () => listUnits(slug, query),
    placeholderData: keepPreviousData,
  });
  const [editing, setEditing] = useState<UnitView | 'new' | null>(null);
  const remove = useMutation({
    mutationFn: (id: number) => deleteUnit(slug, id),
    onSuccess: async () => {
      void message.success(t('units.deleted'));
      await qc.invalidateQueries({ queryKey: unitsKey(slug) });
    },
    onError: (err) => void message.error(errorText(err, t('errors.unreachable'))),
  });
  const categories = contest.data?.unitCategories ?? [];

  return (
    <>
      <h1 className="manage-title">{t('manage.tab.units')}</h1>
      <Space wrap style={{ marginBottom: 16 }}>
        <SearchInput
          value={q}
          onChange={setQ}
          label={t('units.search')}
          placeholder={t('units.searchPlaceholder')}
          testId="unit-search"
          width={320}
        />
        {editable && (
          <Button type="primary" onClick={() => setEditing('new')} data-testid="unit-add">
            {t('units.add')}
          </Button>
        )}
      </Space>
      <ApiErrorAlert error={units.error} />
      <Table<UnitView>
        rowKey="id"
        loading={units.isFetching}
        dataSource={units.data ?? []}
        pagination={PAGINATION}
        data-testid="units-table"
        columns={[
          { title: t('units.name'), dataIndex: 'name' },
          {
            title: t('units.category'),
            key: 'category',
            render: (_: unknown, u: UnitView) => categoryName(u.categoryCode, u.categoryName),
          },
          {
            title: t('unitContacts.column'),
            key: 'contact',
            render: (_: unknown, u: UnitView) => (
              <UnitContact
                contact={{
                  name: u.contactName,
                  position: u.contactPosition,
                  phone: u.contactPhone,
                  email: u.contactEmail,
                }}
              />
            ),
          },
          ...actionsColumn(editable, t('common.actions'), (u: UnitView) => (
            <Space>
              <Button size="small" onClick={() => setEditing(u)} aria-label={t('units.editNamed', { name: u.name })}>
                {t('common.edit')}
              </Button>
              <ConfirmButton
                title={t('units.confirmDelete', { name: u.name })}
                okText={t('common.delete')}
                onConfirm={() => remove.mutate(u.id)}
                ariaLabel={t('units.deleteNamed', { name: u.name })}
              />
            </Space>
          )),
        ]}
      />
      {editable && <UnitImport slug={slug} categories={categories} />}
      {editing && (
        <UnitModal
          slug={slug}
          categories={categories}
          unit={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
