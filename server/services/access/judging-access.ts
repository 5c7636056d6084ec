/**
 * Who may do what with a judging round. The organizer manages rounds (`judging.manageRounds`); the organizer and the
 * secretary follow progress and rankings (`judging.viewProgress`); the chair is a juror of the round with the chair's
 * flag, and follows the round too; a juror works on the round only when appointed to it.
 */
import { can, type ContestRole } from '@core/roles.ts';
import { AppError } from '@core/errors.ts';
import { judgingSettingsSchema, type JudgingSettings } from '@core/judging/settings.ts';
import type { JudgingRoundRow } from '../../db/schema.ts';
import { decodeJudgingSettings } from '../../db/json-columns.ts';
import type { Actor, Deps } from '../../context.ts';
import { loadContest, type LoadedContest } from '../contests/load-contest.ts';
import { requireLogin, rolesInContest } from './authorize.ts';

export interface RoundJurorSelf {
  isChair: boolean;
  mode: 'online' | 'paper';
  submittedAt: string | null;
}

export interface RoundAccess {
  actorId: number;
  round: JudgingRoundRow;
  contest: LoadedContest;
  settings: JudgingSettings;
  roles: ContestRole[];
  /** The caller's place in the round, if appointed to it. */
  juror: RoundJurorSelf | null;
  isChair: boolean;
  mayManage: boolean;
  /** Organizer, secretary or the round's chair. */
  mayFollow: boolean;
  mayEnterPaper: boolean;
  /** The organizer, a secretary or the round's chair: a second person for a typed paper sheet. */
  mayCheckPaper: boolean;
}

/** `paperEnter`: type paper sheets; `paperCheck`: check them (or the chair); `paperDesk`: either. */
export type RoundNeed =
  'manage' | 'follow' | 'juror' | 'chair' | 'chairOrManager' | 'paperEnter' | 'paperCheck' | 'paperDesk';

export async function judgingSettingsOf(deps: Deps, contestId: number): Promise<JudgingSettings> {
  const row = await deps.db
    .selectFrom('contests')
    .select('judging_json')
    .where('id', '=', contestId)
    .executeTakeFirst();
  return row ? decodeJudgingSettings(row.judging_json) : judgingSettingsSchema.parse({});
}

/** Loads a round for a caller and checks that they may act on it as `need` says. */
export async function roundAccess(deps: Deps, actor: Actor, roundId: number, need: RoundNeed): Promise<RoundAccess> {
  requireLogin(actor);
  const round = await deps.db.selectFrom('judging_rounds').selectAll().where('id', '=', roundId).executeTakeFirst();
  if (!round) throw new AppError('judging.roundNotFound');
  const roles = await rolesInContest(deps.db, actor.userId, round.contest_id);
  const principal = { isSiteAdmin: actor.isSiteAdmin, roles };
  const self = await deps.db
    .selectFrom('judging_round_jurors')
    .select(['is_chair', 'mode', 'submitted_at'])
    .where('round_id', '=', roundId)
    .where('user_id', '=', actor.userId)
    .executeTakeFirst();
  // A juror appointed to the round who lost the contest's juror role no longer works on it.
  const juror =
    self && roles.includes('juror')
      ? { isChair: self.is_chair, mode: self.mode, submittedAt: self.submitted_at }
      : null;
  const isChair = juror?.isChair ?? false;
  const mayManage = can(principal, 'judging.manageRounds');
  const mayFollow = isChair || can(principal, 'judging.viewProgress');
  const mayEnterPaper = can(principal, 'judging.enterPaper');
  const mayCheckPaper = isChair || can(principal, 'judging.checkPaper');
  const allowed: Record<RoundNeed, boolean> = {
    manage: mayManage,
    follow: mayFollow,
    juror: juror !== null,
    chair: isChair,
    chairOrManager: isChair || mayManage,
    paperEnter: mayEnterPaper,
    paperCheck: mayCheckPaper,
    paperDesk: mayEnterPaper || mayCheckPaper,
  };
  const ok = allowed[need];
  if (!ok) {
    if (need === 'juror' && roles.includes('juror')) throw new AppError('judging.notRoundJuror', { round: round.name });
    if (need === 'chair' && (juror || mayManage)) throw new AppError('judging.chairOnly', { round: round.name });
    throw new AppError('auth.forbidden');
  }
  const contest = await loadContest(deps.db, { id: round.contest_id });
  const settings = await judgingSettingsOf(deps, round.contest_id);
  return {
    actorId: actor.userId,
    round,
    contest,
    settings,
    roles,
    juror,
    isChair,
    mayManage,
    mayFollow,
    mayEnterPaper,
    mayCheckPaper,
  };
}
