import type { RankingMethod } from '@core/judging/ranking-method.ts';
import type { RoundRubric } from '@core/judging/rubric.ts';
import type { SheetContent } from '@core/judging/score-sheet.ts';
import { api, enc } from './client.ts';

/** A problem listed by the server, in both languages (core/judging/messages.ts). */
export interface JudgingProblem {
  code: string;
  message: { vi: string; en: string };
  criterion?: string;
  ref?: string;
}

export interface MyJudgingRound {
  roundId: number;
  contestSlug: string;
  name: string;
  nameEn: string | null;
  state: 'draft' | 'open' | 'locked';
  window: { startsAt: string; endsAt: string };
  isChair: boolean;
  total: number;
  done: number;
  submittedAt: string | null;
  next: 'wait_for_open' | 'score' | 'submit' | 'done' | 'locked' | 'chair_lock';
}

/** An open round with typed paper sheets waiting for the caller's check (never the ones they typed). */
export interface PaperCheckWaiting {
  roundId: number;
  contestSlug: string;
  name: string;
  nameEn: string | null;
  waiting: number;
}

export type SheetState = 'not_started' | 'draft' | 'complete' | 'abstained';

export interface JurorEntryRow {
  ref: string;
  title: string;
  state: SheetState;
  version: number;
}

export interface JurorRound {
  round: { id: number; name: string; state: string; window: { startsAt: string; endsAt: string } };
  blind: boolean;
  submittedAt: string | null;
  mayWork: boolean;
  rubric: RoundRubric;
  entries: JurorEntryRow[];
  /** Conflicts the juror declared with entries of the round. */
  declared: { ref: string; reason: string }[];
}

export interface JurorEntry {
  entry: { ref: string; title: string; synopsis: string; credit: { authors: string[] } | null; downloadName: string };
  blind: boolean;
  media: { master: string; poster: string; original: string } | null;
  rubric: RoundRubric;
  sheet: SheetContent | null;
  version: number;
  state: SheetState;
  pending: JudgingProblem[];
  mayScore: boolean;
  others: { juror: string; total: number | null; abstained: boolean }[] | null;
}

export interface SaveAnswer {
  version: number;
  written: boolean;
  state: SheetState;
  pending: JudgingProblem[];
}

export const myJudging = () => api<{ rounds: MyJudgingRound[]; paperChecks: PaperCheckWaiting[] }>('/api/me/judging');
export const jurorRound = (roundId: number) => api<JurorRound>(`/api/judging/rounds/${enc(roundId)}/my-entries`);
export const jurorEntry = (roundId: number, ref: string) =>
  api<JurorEntry>(`/api/judging/rounds/${enc(roundId)}/entries/${enc(ref)}`);
export const saveSheet = (roundId: number, ref: string, baseVersion: number, sheet: SheetContent) =>
  api<SaveAnswer>(`/api/judging/rounds/${enc(roundId)}/entries/${enc(ref)}/my-sheet`, {
    method: 'PUT',
    json: { baseVersion, sheet },
  });
export const submitRound = (roundId: number) =>
  api<{ submittedAt: string }>(`/api/judging/rounds/${enc(roundId)}/my-sheet/submit`, { method: 'POST' });

export type EntrySetSpec =
  | { kind: 'all_approved' }
  | { kind: 'top_n'; n: number; includeBoundaryTies: boolean }
  | { kind: 'chosen'; entryIds: number[]; reason: string };

export type AssignmentChoice = { mode: 'everyone' } | { mode: 'balanced'; perEntry: number };

export interface StaffRoundJuror {
  userId: number;
  fullName: string;
  isChair: boolean;
  unitId: number | null;
  unitName: string | null;
  mode: 'online' | 'paper';
  submittedAt: string | null;
}

export interface StaffRound {
  id: number;
  contestSlug: string;
  position: number;
  previous: { id: number; name: string; state: 'draft' | 'open' | 'locked' } | null;
  name: string;
  nameEn: string | null;
  state: 'draft' | 'open' | 'locked';
  window: { startsAt: string; endsAt: string };
  entrySet: EntrySetSpec;
  rubric: RoundRubric;
  assignment: AssignmentChoice;
  method: RankingMethod;
  viewer: { isChair: boolean; mayManage: boolean; holdsMapping: boolean };
  jurors: StaffRoundJuror[];
  candidates: { userId: number; fullName: string }[];
  /** `code` and `blindCode` only for the organizer and the secretary, who hold the mapping. */
  entries: { ref: string; title: string; entryId?: number; code?: string | null; blindCode?: string | null }[];
  conflicts: { ref: string; jurorUserId: number; juror: string; kind: string; reason: string | null }[];
  loads: { jurorUserId: number; load: number }[];
  problems: JudgingProblem[];
}

/** What the staff send to create a round or change one in draft (core/judging/round-input.ts). */
export interface RoundBody {
  name: string;
  nameEn?: string;
  window?: { startsAt: string; endsAt: string };
  entrySet?: EntrySetSpec;
  rubric?: RoundRubric;
  assignment?: AssignmentChoice;
  method?: RankingMethod;
}

export interface JurorAppointment {
  userId: number;
  isChair: boolean;
  unitId: number | null;
  unitName: string | null;
  mode: 'online' | 'paper';
}

export interface ContestRoundRow {
  id: number;
  position: number;
  name: string;
  nameEn: string | null;
  state: 'draft' | 'open' | 'locked';
  window: { startsAt: string; endsAt: string };
  entrySet: EntrySetSpec;
  assignmentMode: 'everyone' | 'balanced';
}

export interface RankingRow {
  ref: string;
  /** Given to the organizer and the secretary, who hold the mapping from references to entries. */
  entry: { entryId: number } | null;
  title: string;
  rank: number | null;
  status: 'ranked' | 'insufficient';
  value: number | null;
  explanation: { vi: string[]; en: string[] };
}

export interface RoundRanking {
  state: string;
  provisional: boolean;
  methodText: { vi: string; en: string };
  method: { decimals: number };
  mayDecideTies: boolean;
  rows: RankingRow[];
  ties: { value: number; refs: string[]; resolved: boolean; awaitingChair: string[] | null }[];
}

export interface RoundProgress {
  entries: { ref: string; complete: number; minScores: number }[];
  jurors: {
    userId: number;
    fullName: string;
    mode: 'online' | 'paper';
    submittedAt: string | null;
    assigned: number;
    done: number;
    /** On paper: entries by where their typed sheet stands. */
    paper: { notTyped: number; pending: number; rejected: number; confirmed: number } | null;
  }[];
}

export interface JurorsReminded {
  sent: number;
  reminded: { jurorUserId: number; fullName: string; emailed: boolean; texted: boolean }[];
  tooSoon: { jurorUserId: number; fullName: string; nextAt: string }[];
}

export const contestRounds = (slug: string) =>
  api<{ mayManage: boolean; rounds: ContestRoundRow[] }>(`/api/contests/${enc(slug)}/judging/rounds`);
export const createRound = (slug: string, body: RoundBody) =>
  api<{ id: number }>(`/api/contests/${enc(slug)}/judging/rounds`, { method: 'POST', json: body });
export const updateRound = (roundId: number, body: RoundBody) =>
  api<object>(`/api/judging/rounds/${enc(roundId)}`, { method: 'PUT', json: body });
export const setRoundJurors = (roundId: number, jurors: JurorAppointment[]) =>
  api<object>(`/api/judging/rounds/${enc(roundId)}/jurors`, { method: 'PUT', json: { jurors } });
export type ShortlistBody =
  { kind: 'top_n'; n: number; includeBoundaryTies: boolean } | { kind: 'chosen'; refs: string[]; reason: string };
export const setShortlist = (roundId: number, body: ShortlistBody) =>
  api<object>(`/api/judging/rounds/${enc(roundId)}/shortlist`, { method: 'PUT', json: body });
export const recuseJuror = (roundId: number, body: { jurorUserId: number; ref: string; reason: string }) =>
  api<object>(`/api/judging/rounds/${enc(roundId)}/recusals`, { method: 'POST', json: body });
export const declareConflict = (roundId: number, ref: string, reason: string) =>
  api<object>(`/api/judging/rounds/${enc(roundId)}/entries/${enc(ref)}/conflict`, { method: 'POST', json: { reason } });
export const withdrawConflict = (roundId: number, ref: string, reason: string) =>
  api<object>(`/api/judging/rounds/${enc(roundId)}/entries/${enc(ref)}/conflict/withdraw`, {
    method: 'POST',
    json: { reason },
  });
export const liftRecusal = (roundId: number, body: { jurorUserId: number; ref: string; reason: string }) =>
  api<object>(`/api/judging/rounds/${enc(roundId)}/recusals/lift`, { method: 'POST', json: body });
export const staffRound = (roundId: number) => api<StaffRound>(`/api/judging/rounds/${enc(roundId)}`);
export const roundProgress = (roundId: number) => api<RoundProgress>(`/api/judging/rounds/${enc(roundId)}/progress`);
export const remindJurors = (roundId: number, jurorUserId?: number) =>
  api<JurorsReminded>(`/api/judging/rounds/${enc(roundId)}/reminders`, {
    method: 'POST',
    json: jurorUserId === undefined ? {} : { jurorUserId },
  });
export const roundRanking = (roundId: number, provisional: boolean) =>
  api<RoundRanking>(`/api/judging/rounds/${enc(roundId)}/ranking${provisional ? '?provisional=1' : ''}`);
export const roundStep = (roundId: number, step: 'open' | 'lock') =>
  api<{ warnings?: JudgingProblem[] }>(`/api/judging/rounds/${enc(roundId)}/${step}`, { method: 'POST' });
export const reopenRound = (roundId: number, reason: string) =>
  api<object>(`/api/judging/rounds/${enc(roundId)}/reopen`, { method: 'POST', json: { reason } });
export const decideTie = (roundId: number, order: string[], reason: string) =>
  api<object>(`/api/judging/rounds/${enc(roundId)}/tie-decisions`, { method: 'POST', json: { order, reason } });
