/**
 * The jury's paper for a round (issue 11, items 6 and 7): the printed score sheets (phiếu chấm), one per juror with
 * the entries they score (blind codes in blind mode, never authors or unit), and the minutes (biên bản chấm thi) of
 * a locked round as DOCX to edit and sign or as PDF for the records. Built from the same facts and ranking as the
 * chair's screen (round-facts.ts), laid out by core/judging and server/documents.
 */
import { AppError } from '@core/errors.ts';
import { judgingMinutes } from '@core/judging/minutes.ts';
import { paperSheet } from '@core/judging/paper-sheet.ts';
import { civilDateOf } from '@core/documents/place-and-date.ts';
import type { IssuingBody } from '@core/documents/administrative-document.ts';
import type { Actor, Deps } from '../../context.ts';
import { administrativeDocx } from '../../documents/administrative-docx.ts';
import { administrativePdf } from '../../documents/administrative-pdf.ts';
import { scoreSheetsPdf } from '../../documents/score-sheet-pdf.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { roundAccess } from '../access/judging-access.ts';
import { entryRef } from './entry-refs.ts';
import { loadRoundFacts, pairKey, rankRound } from './round-facts.ts';

/** Who issues the jury's paper, and the place on its date line (edited in the DOCX when the office differs). */
export interface PaperOptions {
  place: string;
}

function issuer(place: string): IssuingBody {
  return { nameLines: ['Ban Tổ chức cuộc thi'], abbr: 'BTC', place };
}

export async function exportScoreSheets(deps: Deps, actor: Actor, roundId: number, o: PaperOptions): Promise<Buffer> {
  const a = await roundAccess(deps, actor, roundId, 'follow');
  const f = await loadRoundFacts(deps.db, a.round);
  const now = deps.clock();
  const sheets = f.jurors.map((j) =>
    paperSheet({
      issuingBody: issuer(o.place),
      contestName: a.contest.settings.name,
      roundName: a.round.name,
      juror: { fullName: j.fullName },
      rubric: f.rubric,
      entries: f.entryIds
        .filter((id) => f.assigned.has(pairKey(j.userId, id)) && f.blocks.get(j.userId, id) === null)
        .map((id) => ({ code: entryRef(f, a.settings, id), title: f.entries.get(id)?.draft.title ?? '' })),
      blind: a.settings.blind,
      date: null,
      draftYear: civilDateOf(now, a.contest.settings.timeZone).year,
    }),
  );
  if (sheets.length === 0) throw new AppError('judging.noJurors', { round: a.round.name });
  const pdf = await scoreSheetsPdf(sheets);
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps, actor, {
      action: 'judging.scoreSheetsPrinted',
      contestId: a.round.contest_id,
      target: `round:${roundId}`,
      details: { jurors: sheets.length },
    }),
  );
  return pdf;
}

export async function exportRoundMinutes(
  deps: Deps,
  actor: Actor,
  roundId: number,
  format: 'docx' | 'pdf',
  o: PaperOptions & { meetingPlace: string },
): Promise<Buffer> {
  const a = await roundAccess(deps, actor, roundId, 'follow');
  if (a.round.state !== 'locked' || !a.round.locked_at)
    throw new AppError('judging.minutesNeedLock', { round: a.round.name });
  const f = await loadRoundFacts(deps.db, a.round);
  const { ranking, rows } = await rankRound(deps.db, f, false);
  const paperRows = rows.filter((x) => x.source === 'paper' && x.checkedBy !== null);
  const staffIds = [...new Set(paperRows.flatMap((x) => [x.enteredBy, x.checkedBy!]))];
  const staff = new Map(
    staffIds.length === 0
      ? []
      : (await deps.db.selectFrom('users').select(['id', 'full_name']).where('id', 'in', staffIds).execute()).map(
          (u) => [u.id, u.full_name] as const,
        ),
  );
  const tz = a.contest.settings.timeZone;
  const chair = f.jurors.find((j) => j.isChair);
  const secretary = await deps.db
    .selectFrom('contest_roles')
    .innerJoin('users', 'users.id', 'contest_roles.user_id')
    .select('users.full_name')
    .where('contest_roles.contest_id', '=', a.round.contest_id)
    .where('contest_roles.role', '=', 'secretary')
    .orderBy('contest_roles.id')
    .executeTakeFirst();
  const minutes = judgingMinutes({
    issuingBody: issuer(o.place),
    contestName: a.contest.settings.name,
    roundName: a.round.name,
    number: null,
    date: null,
    draftYear: civilDateOf(a.round.locked_at, tz).year,
    meeting: {
      start: a.round.opened_at ?? a.round.locked_at,
      end: a.round.locked_at,
      place: o.meetingPlace || o.place,
    },
    timeZone: tz,
    jurors: f.jurors.map((j) => ({
      id: j.userId,
      fullName: j.fullName,
      position: j.isChair ? 'Trưởng ban' : 'Thành viên',
      // Present: those who submitted their sheets for the round.
      present: j.submittedAt !== null,
    })),
    chair: { fullName: chair?.fullName ?? '' },
    secretary: { fullName: secretary?.full_name ?? '' },
    rubric: f.rubric,
    ranking,
    entry: (id) => ({ code: entryRef(f, a.settings, id), title: f.entries.get(id)?.draft.title ?? '' }),
    paper: paperRows.map((x) => ({
      jurorId: x.jurorId,
      enteredBy: staff.get(x.enteredBy) ?? `#${x.enteredBy}`,
      checkedBy: staff.get(x.checkedBy!) ?? `#${x.checkedBy}`,
    })),
  });
  const file =
    format === 'docx'
      ? await administrativeDocx(minutes.document, minutes.annexes)
      : await administrativePdf(minutes.document, minutes.annexes);
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps, actor, {
      action: 'judging.minutesMade',
      contestId: a.round.contest_id,
      target: `round:${roundId}`,
      details: { format },
    }),
  );
  return file;
}
