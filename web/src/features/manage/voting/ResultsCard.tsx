import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Form, Input, Popconfirm, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@core/time.ts';
import { api, enc } from '../../../api/client.ts';
import { MostVotedLine, type MostVoted } from '../../contests/VotingResultsSection.tsx';
import type { PrizeView } from '../../contests/VotingPrizeSource.tsx';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';

interface Results {
  visible: boolean;
  final: boolean;
  mostVoted: MostVoted | null;
  published: { at: string } | null;
  prize: PrizeView | null;
}

type Tie = { kind: 'committeeNeeded'; tied: string[]; places: number };

/**
 * The result of the platform's count for the organizer: the most-voted entries with the tie rule applied, the
 * committee's decision when the rule cannot settle a tie (of the platform's count or of the fanpage's confirmed
 * figures), and publishing the result as final.
 */
export function ResultsCard({ slug, tz, endsAt }: { slug: string; tz: string; endsAt: string | null }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const key = ['voting-results', slug];
  const view = useQuery({ queryKey: key, queryFn: () => api<Results>(`/api/contests/${enc(slug)}/voting/results`) });
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
            <TieDecisionForm slug={slug} source="platform" tied={r.mostVoted.tied} places={r.mostVoted.places} />
          )}
          {r.prize?.fanpage?.outcome.kind === 'committeeNeeded' && !r.published && (
            <TieDecisionForm
              slug={slug}
              source="fanpage"
              tied={(r.prize.fanpage.outcome as Tie).tied}
              places={(r.prize.fanpage.outcome as Tie).places}
            />
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

/** The committee's choice among tied entries, with the reason and where it is recorded. */
function TieDecisionForm(props: { slug: string; source: 'platform' | 'fanpage'; tied: string[]; places: number }) {
  const { slug, source } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [chosen, setChosen] = useState<string[]>([]);
  const [record, setRecord] = useState('');
  const decide = useMutation({
    mutationFn: () =>
      api(`/api/contests/${enc(slug)}/voting/tie-decision`, { method: 'POST', json: { chosen, record, source } }),
    onSuccess: async () => {
      message.success(t('voting.tieSaved'));
      await qc.invalidateQueries({ queryKey: ['voting-results', slug] });
    },
  });
  const id = `tie-record-${source}`;
  return (
    <Form layout="vertical" onFinish={() => decide.mutate()} data-testid={`tie-decision-${source}`}>
      <h3>{t(source === 'platform' ? 'voting.tieDecisionTitle' : 'voting.tieDecisionFanpageTitle')}</h3>
      <Form.Item label={t('voting.tieChoose', { count: props.places })}>
        <Checkbox.Group
          options={props.tied.map((c) => ({ value: c, label: c }))}
          value={chosen}
          onChange={(v) => setChosen(v as string[])}
        />
      </Form.Item>
      <Form.Item label={t('voting.tieRecord')} htmlFor={id}>
        <Input.TextArea id={id} rows={2} maxLength={2000} value={record} onChange={(e) => setRecord(e.target.value)} />
      </Form.Item>
      <ApiErrorAlert error={decide.error} />
      <Button htmlType="submit" loading={decide.isPending}>
        {t('voting.tieSave')}
      </Button>
    </Form>
  );
}
