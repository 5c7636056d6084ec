import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Input, InputNumber, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { SheetContent } from '@core/judging/score-sheet.ts';
import {
  checkPaperSheet,
  markPaperReceived,
  paperDesk,
  typePaperSheet,
  type PaperDesk,
  type PaperEntry,
} from '../../../api/judging-paper.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';

const CHECK_COLOR = { not_typed: undefined, pending: 'orange', confirmed: 'green', rejected: 'red' } as const;

/**
 * The paper desk: the secretary types each paper juror's signed sheet (one form per entry, the scores in the order of
 * the printed sheet, Enter saves), and a second person confirms each typed sheet or sends it back with a reason. The
 * state of each check is shown beside it, with who typed and who checked.
 */
export function PaperDeskPage() {
  const { roundId = '0' } = useParams();
  const id = Number(roundId);
  const { t } = useTranslation();
  const desk = useQuery({ queryKey: ['paper-desk', id], queryFn: () => paperDesk(id) });
  const d = desk.data;
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Link to={`../../manage/${id}`} relative="path">
          {t('paperDesk.back')}
        </Link>
      </Space>
      <h1 className="manage-title">{t('paperDesk.title', { round: d?.name ?? '' })}</h1>
      <p>{t('paperDesk.intro')}</p>
      <ApiErrorAlert error={desk.error} />
      {d && d.state !== 'open' && <Alert type="info" title={t('paperDesk.notOpen')} style={{ marginBottom: 12 }} />}
      {d && d.jurors.length === 0 && <p data-testid="paper-none">{t('paperDesk.none')}</p>}
      {d?.jurors.map((j) => (
        <Card key={j.userId} title={j.fullName} style={{ marginBottom: 16 }} data-testid={`paper-juror-${j.userId}`}>
          {j.entries.map((e) => (
            <PaperEntryForm key={`${e.ref}:${e.version}:${e.check}`} d={d} jurorId={j.userId} e={e} />
          ))}
          <Received d={d} jurorId={j.userId} received={j.submittedAt} />
        </Card>
      ))}
    </>
  );
}

function PaperEntryForm({ d, jurorId, e }: { d: PaperDesk; jurorId: number; e: PaperEntry }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const [sheet, setSheet] = useState<SheetContent>(e.sheet ?? { values: {}, comments: {}, abstain: null, note: '' });
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const editable = d.mayEnter && d.state === 'open';
  const mayCheck = d.mayCheck && !e.mine && e.check === 'pending' && d.state === 'open';
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
      setError(null);
      await qc.invalidateQueries({ queryKey: ['paper-desk', d.roundId] });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const idBase = `paper-${jurorId}-${e.ref}`;
  return (
    <section aria-labelledby={`${idBase}-h`} style={{ borderTop: '1px solid #eee', padding: '8px 0' }}>
      <h2 id={`${idBase}-h`} style={{ fontSize: 16 }}>
        {e.ref} — {e.title}{' '}
        <Tag color={CHECK_COLOR[e.check]} data-testid={`${idBase}-check`}>
          {t(`paperDesk.check.${e.check}`)}
        </Tag>
      </h2>
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          if (editable) void run(() => typePaperSheet(d.roundId, jurorId, e.ref, e.version, sheet));
        }}
      >
        <Space wrap align="end">
          {d.rubric.criteria.map((c) => (
            <label key={c.key} htmlFor={`${idBase}-${c.key}`} style={{ display: 'inline-block' }}>
              <span style={{ display: 'block' }}>
                {lang === 'en' && c.nameEn ? c.nameEn : c.name} ({c.min}–{c.max})
              </span>
              <InputNumber
                id={`${idBase}-${c.key}`}
                data-testid={`${idBase}-${c.key}`}
                min={c.min}
                max={c.max}
                step={c.step}
                decimalSeparator={lang === 'vi' ? ',' : '.'}
                disabled={!editable}
                value={sheet.values[c.key] ?? null}
                onChange={(v) => setSheet({ ...sheet, values: { ...sheet.values, [c.key]: v ?? null } })}
              />
            </label>
          ))}
          {editable && (
            <Button htmlType="submit" loading={busy} data-testid={`${idBase}-save`}>
              {t('paperDesk.save')}
            </Button>
          )}
        </Space>
      </form>
      {e.enteredBy && (
        <p className="manage-muted">
          {t('paperDesk.typedBy', { name: e.enteredBy, version: e.version })}
          {e.checkedBy && ` · ${t('paperDesk.checkedBy', { name: e.checkedBy })}`}
          {e.rejectedBy && ` · ${t('paperDesk.rejectedBy', { name: e.rejectedBy, reason: e.rejectReason ?? '' })}`}
        </p>
      )}
      {e.mine && e.check === 'pending' && <p className="manage-muted">{t('paperDesk.notYours')}</p>}
      {mayCheck && (
        <Space wrap>
          <Button
            type="primary"
            loading={busy}
            data-testid={`${idBase}-confirm`}
            onClick={() =>
              void run(() =>
                checkPaperSheet(d.roundId, jurorId, e.ref, { version: e.version, decision: 'confirm', reason: '' }),
              )
            }
          >
            {t('paperDesk.confirm')}
          </Button>
          <Input
            aria-label={t('paperDesk.reason')}
            placeholder={t('paperDesk.reason')}
            value={reason}
            onChange={(ev) => setReason(ev.target.value)}
            data-testid={`${idBase}-reason`}
            style={{ minWidth: 240 }}
          />
          <Button
            danger
            loading={busy}
            data-testid={`${idBase}-reject`}
            onClick={() =>
              void run(() =>
                checkPaperSheet(d.roundId, jurorId, e.ref, { version: e.version, decision: 'reject', reason }),
              )
            }
          >
            {t('paperDesk.reject')}
          </Button>
        </Space>
      )}
      <ApiErrorAlert error={error} />
    </section>
  );
}

function Received({ d, jurorId, received }: { d: PaperDesk; jurorId: number; received: string | null }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  if (received)
    return (
      <Tag color="green" data-testid={`paper-received-${jurorId}`}>
        {t('paperDesk.received')}
      </Tag>
    );
  if (!d.mayEnter || d.state !== 'open') return null;
  return (
    <>
      <Button
        data-testid={`paper-mark-received-${jurorId}`}
        onClick={async () => {
          try {
            await markPaperReceived(d.roundId, jurorId);
            setError(null);
            await qc.invalidateQueries({ queryKey: ['paper-desk', d.roundId] });
          } catch (err) {
            setError(err);
          }
        }}
      >
        {t('paperDesk.markReceived')}
      </Button>
      <ApiErrorAlert error={error} />
    </>
  );
}
