import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Select, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { CONTEST_ROLES, roleNeedsUnit, type ContestRole } from '@core/roles.ts';
import { api, enc } from '../../../api/client.ts';
import { errorText } from '../../../api/errors.ts';
import { SESSION_KEY, useCan } from '../../../api/session.ts';
import type { ContestRoleView } from '../../../api/types.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import { actionsColumn, PAGINATION } from '../columns.tsx';
import { ConfirmButton } from '../ConfirmButton.tsx';
import { FormCard } from '../FormCard.tsx';
import { unitOptions, useAllUnits } from '../units/units-api.ts';

const rolesKey = (slug: string) => ['roles', slug] as const;

interface GrantBody {
  identifier: string;
  role: ContestRole;
  unitId?: number;
}

/** Who holds which role in the contest; roles are granted to people who have registered. */
export default function RolesTab() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const editable = useCan(slug)('roles.edit');
  const qc = useQueryClient();
  const roles = useQuery({
    queryKey: rolesKey(slug),
    queryFn: () => api<ContestRoleView[]>(`/api/contests/${enc(slug)}/roles`),
  });
  const revoke = useMutation({
    mutationFn: (id: number) => api(`/api/contests/${enc(slug)}/roles/${enc(id)}`, { method: 'DELETE' }),
    onSuccess: async () => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: rolesKey(slug) }),
        qc.invalidateQueries({ queryKey: SESSION_KEY }),
      ]);
    },
    onError: (err) => void message.error(errorText(err, t('errors.unreachable'))),
  });

  return (
    <>
      <h1 className="manage-title">{t('manage.tab.roles')}</h1>
      <ApiErrorAlert error={roles.error} />
      <Table<ContestRoleView>
        rowKey="id"
        loading={roles.isFetching}
        dataSource={roles.data ?? []}
        pagination={PAGINATION}
        data-testid="roles-table"
        columns={[
          { title: t('roles.person'), dataIndex: 'fullName' },
          { title: t('roles.email'), dataIndex: 'email' },
          { title: t('roles.role'), dataIndex: 'role', render: (r: ContestRole) => t(`role.${r}`) },
          { title: t('roles.unit'), dataIndex: 'unitName' },
          ...actionsColumn(editable, t('common.actions'), (r: ContestRoleView) => (
            <ConfirmButton
              title={t('roles.confirmRevoke', { name: r.fullName, role: t(`role.${r.role}`) })}
              okText={t('roles.revoke')}
              onConfirm={() => revoke.mutate(r.id)}
              ariaLabel={t('roles.revokeNamed', { name: r.fullName, role: t(`role.${r.role}`) })}
            />
          )),
        ]}
      />
      {editable && <GrantRole slug={slug} />}
    </>
  );
}

function GrantRole({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<GrantBody>();
  const role = Form.useWatch('role', form);
  const needsUnit = role ? roleNeedsUnit(role) : false;
  const units = useAllUnits(slug, needsUnit);
  return (
    <FormCard<GrantBody, unknown>
      title={t('roles.grantTitle')}
      submitText={t('roles.grant')}
      form={form}
      name="grant"
      initialValues={{ role: 'secretariat' }}
      send={(v) =>
        api(`/api/contests/${enc(slug)}/roles`, {
          method: 'POST',
          json: { identifier: v.identifier.trim(), role: v.role, unitId: roleNeedsUnit(v.role) ? v.unitId : undefined },
        })
      }
      onDone={async () => {
        void message.success(t('roles.granted'));
        await Promise.all([
          qc.invalidateQueries({ queryKey: rolesKey(slug) }),
          qc.invalidateQueries({ queryKey: SESSION_KEY }),
        ]);
      }}
      fieldErrors
    >
      <div className="manage-row">
        <Form.Item
          name="identifier"
          label={t('roles.identifier')}
          extra={t('roles.identifierHint')}
          className="grow"
          rules={[{ required: true, whitespace: true, message: t('settings.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="role" label={t('roles.role')} rules={[{ required: true }]}>
          <Select style={{ width: 280 }} options={CONTEST_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        {needsUnit && (
          <Form.Item
            name="unitId"
            label={t('roles.unit')}
            rules={[{ required: true, message: t('roles.unitRequired') }]}
          >
            <Select
              style={{ width: 280 }}
              showSearch
              loading={units.isPending}
              optionFilterProp="label"
              options={unitOptions(units.data)}
            />
          </Form.Item>
        )}
      </div>
    </FormCard>
  );
}
