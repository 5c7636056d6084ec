import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Popconfirm, Select, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { CONTEST_ROLES, roleNeedsUnit, type ContestRole } from '@core/roles.ts';
import { api, enc, type FieldIssue } from '../../../api/client.ts';
import { errorText } from '../../../api/errors.ts';
import { SESSION_KEY, useCan } from '../../../api/session.ts';
import type { ContestRoleView } from '../../../api/types.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import { applyFieldErrors } from '../form-errors.ts';
import { listUnits, unitsKey } from '../units/units-api.ts';

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
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        data-testid="roles-table"
        columns={[
          { title: t('roles.person'), dataIndex: 'fullName' },
          { title: t('roles.email'), dataIndex: 'email' },
          { title: t('roles.role'), dataIndex: 'role', render: (r: ContestRole) => t(`role.${r}`) },
          { title: t('roles.unit'), dataIndex: 'unitName' },
          ...(editable
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, r: ContestRoleView) => (
                    <Popconfirm
                      title={t('roles.confirmRevoke', { name: r.fullName, role: t(`role.${r.role}`) })}
                      okText={t('roles.revoke')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => revoke.mutate(r.id)}
                    >
                      <Button
                        size="small"
                        danger
                        aria-label={t('roles.revokeNamed', { name: r.fullName, role: t(`role.${r.role}`) })}
                      >
                        {t('roles.revoke')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
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
  const units = useQuery({ queryKey: [...unitsKey(slug), ''], queryFn: () => listUnits(slug, ''), enabled: needsUnit });
  const [unmatched, setUnmatched] = useState<FieldIssue[]>([]);
  const grant = useMutation({
    mutationFn: (body: GrantBody) => api(`/api/contests/${enc(slug)}/roles`, { method: 'POST', json: body }),
    onSuccess: async () => {
      void message.success(t('roles.granted'));
      form.resetFields();
      setUnmatched([]);
      await Promise.all([
        qc.invalidateQueries({ queryKey: rolesKey(slug) }),
        qc.invalidateQueries({ queryKey: SESSION_KEY }),
      ]);
    },
    onError: (err) => setUnmatched(applyFieldErrors(form, err)),
  });
  return (
    <Card title={t('roles.grantTitle')} className="manage-section" style={{ marginTop: 16 }}>
      <ApiErrorAlert error={grant.error} issues={unmatched} />
      <Form
        form={form}
        name="grant"
        layout="vertical"
        initialValues={{ role: 'secretariat' }}
        onFinish={(v) =>
          grant.mutate({
            identifier: v.identifier.trim(),
            role: v.role,
            unitId: roleNeedsUnit(v.role) ? v.unitId : undefined,
          })
        }
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
                options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
              />
            </Form.Item>
          )}
        </div>
        <Button type="primary" htmlType="submit" loading={grant.isPending}>
          {t('roles.grant')}
        </Button>
      </Form>
    </Card>
  );
}
