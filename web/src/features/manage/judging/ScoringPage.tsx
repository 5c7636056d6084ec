import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Input, InputNumber, Row, Space, Tag } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { formatNumber } from '@core/judging/format.ts';
import type { SheetContent } from '@core/judging/score-sheet.ts';
import { ApiError } from '../../../api/client.ts';
import { jurorEntry, saveSheet, type JudgingProblem, type JurorEntry } from '../../../api/judging.ts';
import { VideoPlayer } from '../../player/VideoPlayer.tsx';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import { DeclareConflict } from './DeclareConflict.tsx';
import { keepPending, pendingSave, settlePending, type PendingSave } from './save-queue.ts';

type Status = 'idle' | 'saving' | 'saved' | 'queued' | 'conflict' | 'error';

const EMPTY: SheetContent = { values: {}, comments: {}, abstain: null, note: '' };

/**
 * The scoring screen: the player beside the rubric. Every change is saved at once; while the connection is down the
 * sheet waits in local storage and is sent when the browser is back online. A save refused because another window
 * saved a newer version keeps what was typed and says so.
 */
export function ScoringPage() {
  const { roundId = '0', ref = '' } = useParams();
  const id = Number(roundId);
  const { t } = useTranslation();
  const entry = useQuery({ queryKey: ['juror-entry', id, ref], queryFn: () => jurorEntry(id, ref) });
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Link to={`../rounds/${id}`} relative="path">
          {t('judging.backToRound')}
        </Link>
      </Space>
      <h1 className="manage-title">
        {ref} — {entry.data?.entry.title}
      </h1>
      <ApiErrorAlert error={entry.error} />
      {entry.data && <ScoringForm key={`${id}:${ref}`} roundId={id} refName={ref} d={entry.data} />}
    </>
  );
}

function ScoringForm({ roundId: id, refName: ref, d }: { roundId: number; refName: string; d: JurorEntry }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { slug = '' } = useParams();
  const [queued] = useState(() => pendingSave(localStorage, id, ref));
  const [sheet, setSheet] = useState<SheetContent>(() => queued?.sheet ?? d.sheet ?? EMPTY);
  const [status, setStatus] = useState<Status>(queued ? 'queued' : 'idle');
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState<JudgingProblem[]>(d.pending);
  const version = useRef(queued?.baseVersion ?? d.version);
  const sending = useRef(false);
  const lang = i18n.language === 'en' ? 'en' : 'vi';

  const flush = useCallback(async () => {
    if (sending.current) return;
    sending.current = true;
    try {
      for (;;) {
        const next = pendingSave(localStorage, id, ref);
        if (!next) break;
        if (!navigator.onLine) {
          setStatus('queued');
          break;
        }
        setStatus('saving');
        const sent: PendingSave = { baseVersion: version.current, sheet: next.sheet };
        try {
          const answer = await saveSheet(id, ref, sent.baseVersion, sent.sheet);
          version.current = answer.version;
          settlePending(localStorage, id, ref, next);
          setPending(answer.pending);
          setError(null);
          setStatus('saved');
        } catch (err) {
          if (!(err instanceof ApiError)) {
            setStatus('queued');
            break;
          }
          setError(err);
          setStatus(err.code === 'judging.staleVersion' ? 'conflict' : 'error');
          break;
        }
      }
    } finally {
      sending.current = false;
    }
  }, [id, ref]);

  useEffect(() => {
    const online = () => void flush();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [flush]);

  const change = (next: SheetContent) => {
    setSheet(next);
    keepPending(localStorage, id, ref, { baseVersion: version.current, sheet: next });
    void flush();
  };

  return (
    <>
      {d.blind && <Alert type="info" showIcon title={t('judging.blindNote')} style={{ marginBottom: 12 }} />}
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          {d.media ? (
            <VideoPlayer src={d.media.master} poster={d.media.poster} label={`${ref} ${d.entry.title}`} />
          ) : (
            <Alert type="warning" title={t('judging.noMedia')} />
          )}
          {d.media && (
            <p>
              <a href={d.media.original} download={d.entry.downloadName}>
                {t('judging.downloadOriginal')}
              </a>
            </p>
          )}
          <p>{d.entry.synopsis}</p>
        </Col>
        <Col xs={24} lg={10}>
          <Card
            title={t('judging.rubric')}
            extra={
              <Tag
                data-testid="save-status"
                color={status === 'saved' ? 'green' : status === 'queued' ? 'orange' : undefined}
              >
                {t(`judging.status.${status}`)}
              </Tag>
            }
          >
            {d.rubric.criteria.map((c) => (
              <div key={c.key} style={{ marginBottom: 12 }}>
                <label htmlFor={`score-${c.key}`}>
                  {lang === 'en' && c.nameEn ? c.nameEn : c.name} ({formatNumber(c.weight, lang)}%,{' '}
                  {formatNumber(c.min, lang)}–{formatNumber(c.max, lang)})
                </label>
                <InputNumber
                  id={`score-${c.key}`}
                  data-testid={`score-${c.key}`}
                  min={c.min}
                  max={c.max}
                  step={c.step}
                  // A Vietnamese juror types and reads 7,5.
                  decimalSeparator={lang === 'vi' ? ',' : '.'}
                  disabled={!d.mayScore}
                  value={sheet.values[c.key] ?? null}
                  onChange={(v) => change({ ...sheet, values: { ...sheet.values, [c.key]: v ?? null } })}
                  style={{ width: '100%' }}
                />
                <Input.TextArea
                  aria-label={t('judging.comment', { criterion: c.name })}
                  rows={1}
                  disabled={!d.mayScore}
                  value={sheet.comments[c.key] ?? ''}
                  onChange={(e) => change({ ...sheet, comments: { ...sheet.comments, [c.key]: e.target.value } })}
                />
              </div>
            ))}
            {pending.length > 0 && (
              <ul className="manage-muted" data-testid="sheet-pending">
                {pending.map((p, i) => (
                  <li key={i}>{p.message[lang]}</li>
                ))}
              </ul>
            )}
            {(status === 'conflict' || status === 'error') && <ApiErrorAlert error={error} />}
            {d.mayScore && (
              <DeclareConflict
                roundId={id}
                refName={ref}
                onDone={() => navigate(`/manage/${slug}/judging/rounds/${id}`, { state: { declared: ref } })}
              />
            )}
            {status === 'conflict' && (
              <Button
                onClick={() => {
                  const stored = (error as ApiError).details as { stored?: { version: number } } | undefined;
                  if (stored?.stored) version.current = stored.stored.version;
                  void flush();
                }}
              >
                {t('judging.keepMine')}
              </Button>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
