import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Radio, Select, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { DEFAULT_TIME_ZONE, formatDateTime } from '@core/time.ts';
import { INVALIDATION_REASONS } from '@core/voting/vote-status.ts';
import { api, enc } from '../../../api/client.ts';
import { useContest } from '../../../api/contests.ts';
import { useCan } from '../../../api/session.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import { ResidentListCard } from './ResidentListCard.tsx';
import { ResultsCard } from './ResultsCard.tsx';
import { FanpageCounts } from './FanpageCounts.tsx';
import { VotingCharts } from './VotingCharts.tsx';

interface SettingsView {
  settings: {
    rule: { kind: 'per_person_per_day' | 'per_entry_per_day' | 'total'; votes?: number };
    tallies: 'live' | 'at_end';
    prizeSource: { show: 'platform' | 'fanpage' | 'both'; deciding?: 'platform' | 'fanpage' };
  } & Record<string, unknown>;
  window: { startsAt: string; endsAt: string } | null;
  lockedFields: string[];
}

interface QuarantinedVote {
  id: number;
  entryCode: string;
  castAt: string;
  voter: string;
  network: string | null;
  reasons: { code: string; vi: string; en: string }[];
}

/** The contest's voting: its settings (organizer) and the review of quarantined votes in batches. */
export default function VotingTab() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const contest = useContest(slug);
  const may = useCan(slug);
  return (
    <>
      <h1 className="manage-title">{t('manage.tab.voting')}</h1>
      <VotingSettings slug={slug} editable={may('contest.edit')} />
      <ResidentListCard slug={slug} editable={may('contest.edit')} tz={contest.data?.timeZone ?? DEFAULT_TIME_ZONE} />
      <VotingCharts slug={slug} />
      {may('votes.review') && <Quarantine slug={slug} tz={contest.data?.timeZone ?? DEFAULT_TIME_ZONE} />}
      {may('fanpage.confirm') && (
        <FanpageCounts slug={slug} tz={contest.data?.timeZone ?? DEFAULT_TIME_ZONE} canRecord={may('fanpage.record')} />
      )}
      {may('contest.edit') && (
        <ResultsCard
          slug={slug}
          tz={contest.data?.timeZone ?? DEFAULT_TIME_ZONE}
          endsAt={contest.data?.phases.find((p) => p.kind === 'public_voting')?.endsAt ?? null}
        />
      )}
    </>
  );
}

function VotingSettings({ slug, editable }: { slug: string; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const key = ['voting-settings', slug];
  const view = useQuery({
    queryKey: key,
    queryFn: () => api<SettingsView>(`/api/contests/${enc(slug)}/voting/settings`),
  });
  const [form] = Form.useForm<SettingsView['settings']>();
  const save = useMutation({
    mutationFn: (body: SettingsView['settings']) =>
      api(`/api/contests/${enc(slug)}/voting/settings`, { method: 'PUT', json: body }),
    onSuccess: async () => {
      message.success(t('voting.saved'));
      await qc.invalidateQueries({ queryKey: key });
      // The resident list card says whether the list is in force.
      await qc.invalidateQueries({ queryKey: ['voting-residents', slug] });
    },
  });
  const kind = Form.useWatch(['rule', 'kind'], form);
  const show = Form.useWatch(['prizeSource', 'show'], form);
  if (!view.data) return <ApiErrorAlert error={view.error} />;
  const locked = new Set(view.data.lockedFields);
  return (
    <Card title={t('voting.settingsTitle')} style={{ marginBottom: 16 }}>
      {!view.data.window && <Alert type="info" showIcon message={t('voting.noWindow')} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        disabled={!editable}
        initialValues={view.data.settings}
        onFinish={() => {
          const v = form.getFieldsValue(true) as SettingsView['settings'];
          const rule =
            v.rule.kind === 'total' ? { kind: 'total' as const, votes: v.rule.votes ?? 3 } : { kind: v.rule.kind };
          const prizeSource =
            v.prizeSource.show === 'both'
              ? { show: 'both' as const, deciding: v.prizeSource.deciding ?? 'fanpage' }
              : { show: v.prizeSource.show };
          save.mutate({ ...view.data.settings, ...v, rule, prizeSource });
        }}
      >
        <Form.Item label={t('voting.rule')} name={['rule', 'kind']} extra={locked.has('rule') && t('voting.locked')}>
          <Select
            disabled={!editable || locked.has('rule')}
            options={(['per_person_per_day', 'per_entry_per_day', 'total'] as const).map((k) => ({
              value: k,
              label: t(`voting.ruleKind.${k}`),
            }))}
          />
        </Form.Item>
        {kind === 'total' && (
          <Form.Item label={t('voting.totalVotes')} name={['rule', 'votes']}>
            <InputNumber min={1} max={50} disabled={!editable || locked.has('rule')} />
          </Form.Item>
        )}
        <Form.Item label={t('voting.tallies')} name="tallies">
          <Radio.Group
            options={[
              { value: 'live', label: t('voting.talliesLive') },
              { value: 'at_end', label: t('voting.talliesAtEnd') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('voting.prizeSource')} name={['prizeSource', 'show']}>
          <Select
            options={(['both', 'platform', 'fanpage'] as const).map((k) => ({
              value: k,
              label: t(`voting.source.${k}`),
            }))}
          />
        </Form.Item>
        {show === 'both' && (
          <Form.Item label={t('voting.deciding')} name={['prizeSource', 'deciding']}>
            <Radio.Group
              options={[
                { value: 'fanpage', label: t('voting.source.fanpage') },
                { value: 'platform', label: t('voting.source.platform') },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item label={t('voting.tieRule')} name="tieRule">
          <Radio.Group
            options={(['earliest_to_final', 'committee'] as const).map((k) => ({
              value: k,
              label: t(`voting.tieRuleKind.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="residentListOnly"
          valuePropName="checked"
          extra={locked.has('residentListOnly') ? t('voting.locked') : t('voting.residentListOnlyHint')}
        >
          <Checkbox disabled={!editable || locked.has('residentListOnly')} data-testid="resident-only">
            {t('voting.residentListOnly')}
          </Checkbox>
        </Form.Item>
        <ApiErrorAlert error={save.error} />
        {editable && (
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="voting-settings-save">
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}

function Quarantine({ slug, tz }: { slug: string; tz: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const key = ['voting-quarantine', slug];
  const list = useQuery({
    queryKey: key,
    queryFn: () => api<QuarantinedVote[]>(`/api/contests/${enc(slug)}/voting/quarantine`),
  });
  const [selected, setSelected] = useState<number[]>([]);
  const [reason, setReason] = useState<(typeof INVALIDATION_REASONS)[number]>('staff_fraud');
  const [note, setNote] = useState('');
  const decide = useMutation({
    mutationFn: (decision: { to: 'counted' } | { to: 'invalidated'; reason: string }) =>
      api<{ changed: number }>(`/api/contests/${enc(slug)}/voting/quarantine/decisions`, {
        method: 'POST',
        json: { voteIds: selected, decision, note },
      }),
    onSuccess: async (r) => {
      message.success(t('voting.decided', { count: r.changed }));
      setSelected([]);
      setNote('');
      await qc.invalidateQueries({ queryKey: key });
    },
  });
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  return (
    <Card title={t('voting.quarantineTitle')}>
      <p>{t('voting.quarantineIntro')}</p>
      <ApiErrorAlert error={list.error ?? decide.error} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Button
          disabled={selected.length === 0}
          loading={decide.isPending}
          onClick={() => decide.mutate({ to: 'counted' })}
          data-testid="quarantine-count"
        >
          {t('voting.count', { count: selected.length })}
        </Button>
        <Select
          aria-label={t('voting.reasonLabel')}
          value={reason}
          onChange={setReason}
          style={{ minWidth: 220 }}
          options={INVALIDATION_REASONS.map((r) => ({ value: r, label: t(`voting.invalidReason.${r}`) }))}
        />
        <Input
          aria-label={t('voting.notePlaceholder')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('voting.notePlaceholder')}
          style={{ minWidth: 260 }}
        />
        <Button
          danger
          disabled={selected.length === 0}
          loading={decide.isPending}
          onClick={() => decide.mutate({ to: 'invalidated', reason })}
        >
          {t('voting.invalidate', { count: selected.length })}
        </Button>
      </Space>
      <Table<QuarantinedVote>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data ?? []}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) }}
        scroll={{ x: 800 }}
        columns={[
          { title: t('voting.entry'), dataIndex: 'entryCode' },
          { title: t('voting.castAt'), dataIndex: 'castAt', render: (at: string) => formatDateTime(at, tz) },
          { title: t('voting.voter'), dataIndex: 'voter' },
          { title: t('voting.network'), dataIndex: 'network' },
          {
            title: t('voting.reasons'),
            key: 'reasons',
            render: (_: unknown, r) => r.reasons.map((x) => <Tag key={x.code}>{x[lang]}</Tag>),
          },
        ]}
      />
    </Card>
  );
}
