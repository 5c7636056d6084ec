import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Form, Input, Popconfirm, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@core/time.ts';
import { api, enc } from '../../../api/client.ts';
import { MostVotedLine, type MostVoted } from '../../contests/VotingResultsSection.tsx';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';

interface Results {
  visible: boolean;
  final: boolean;
  mostVoted: MostVoted | null;
  published: { at: string } | null;
}

/**
 * The result of the platform's count for the organizer: the most-voted entries with the tie rule applied, the
 * committee's decision when the rule cannot settle a tie, and publishing the result as final.
 */
export function ResultsCard({ slug, tz, endsAt }: { slug: string; tz: string; endsAt: string | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const key = ['voting-results', slug];
  const view = useQuery({ queryKey: key, queryFn: () => api<Results>(`/api/contests/${enc(slug)}/voting/results`) });
  const [chosen, setChosen] = useState<string[]>([]);
  const [record, setRecord] = useState('');
  const decide = useMutation({
    mutationFn: () =>
      api(`/api/contests/${enc(slug)}/voting/tie-decision`, { method: 'POST', json: { chosen, record } }),
    onSuccess: async () => {
      message.success(t('voting.tieSaved'));
      await qc.invalidateQueries({ queryKey: key });
    },
  });
  const publish = useMutation({
    mutationFn: () => api(`/api/contests/${enc(slug)}/voting/results/publish`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
  const r = view.data;
  return (
    <Card title={t('voting.resultsTitle')} style={{ marginBottom: 16 }} data-testid="voting-result-card">
      {!r ? (
        <ApiErrorAlert error={view.error} />
      ) : !r.final ? (
        <p>{t('voting.resultsOpen', { end: endsAt ? formatDateTime(endsAt, tz) : '—' })}</p>
      ) : (
        <>
          {r.mostVoted && <MostVotedLine outcome={r.mostVoted} />}
          {r.mostVoted?.kind === 'committeeNeeded' && !r.published && (
            <Form layout="vertical" onFinish={() => decide.mutate()} data-testid="tie-decision">
              <h3>{t('voting.tieDecisionTitle')}</h3>
              <Form.Item label={t('voting.tieChoose', { count: r.mostVoted.places })}>
                <Checkbox.Group
                  options={r.mostVoted.tied.map((c) => ({ value: c, label: c }))}
                  value={chosen}
                  onChange={(v) => setChosen(v as string[])}
                />
              </Form.Item>
              <Form.Item label={t('voting.tieRecord')} htmlFor="tie-record">
                <Input.TextArea
                  id="tie-record"
                  rows={2}
                  maxLength={2000}
                  value={record}
                  onChange={(e) => setRecord(e.target.value)}
                />
              </Form.Item>
              <ApiErrorAlert error={decide.error} />
              <Button htmlType="submit" loading={decide.isPending}>
                {t('voting.tieSave')}
              </Button>
            </Form>
          )}
          {r.published ? (
            <Alert
              type="success"
              showIcon
              title={t('voting.publishedAt', { at: formatDateTime(r.published.at, tz) })}
              data-testid="voting-published"
            />
          ) : (
            <div style={{ marginTop: 12 }}>
              <ApiErrorAlert error={publish.error} />
              <Popconfirm
                title={t('voting.publishConfirm')}
                onConfirm={() => publish.mutate()}
                okButtonProps={{ 'data-testid': 'voting-publish-confirm' } as ButtonProps}
              >
                <Button type="primary" loading={publish.isPending} data-testid="voting-publish">
                  {t('voting.publish')}
                </Button>
              </Popconfirm>
            </div>
          )}
        </>
      )}
    </Card>
  );
}
