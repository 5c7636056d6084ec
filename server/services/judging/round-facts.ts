/**
 * What the judging use cases read about a round, in one place: its configuration (decoded), its jurors, its entries
 * (fixed when it opened; for a round in draft, the entries it would take now), the assignment, the blocks (automatic
 * same-unit conflicts computed, declared conflicts and recusals stored), the blind codes, and the ranking built from
 * the stored sheets with the rules of core/judging.
 */
import crypto from 'node:crypto';
import {
  assignBalanced,
  assignEveryone,
  type AssignmentResult,
  type AssignmentSpec,
} from '@core/judging/assignment.ts';
import { drawBlindCodes } from '@core/judging/blind.ts';
import { buildBlocks, type BlockIndex, type BlockRecord, type EntryParty } from '@core/judging/conflicts.ts';
import { countedSheets, type StoredSheet } from '@core/judging/counted-scores.ts';
import type { RankingMethod } from '@core/judging/ranking-method.ts';
import { rankEntries, type Ranking } from '@core/judging/ranking.ts';
import { roundEntries, type EntrySet } from '@core/judging/round.ts';
import type { Problem } from '@core/judging/messages.ts';
import type { RoundRubric } from '@core/judging/rubric.ts';
import type { EntryDraft } from '@core/entry.ts';
import type { Tx } from '../../db/dialect.ts';
import type { JudgingRoundRow } from '../../db/schema.ts';
import {
  decodeAssignmentSpec,
  decodeDraft,
  decodeEntrySet,
  decodeRankingMethod,
  decodeRoundRubric,
  decodeSheet,
  decodeTieEntryIds,
} from '../../db/json-columns.ts';

export interface RoundJuror {
  userId: number;
  fullName: string;
  isChair: boolean;
  unitId: number | null;
  unitName: string | null;
  mode: 'online' | 'paper';
  submittedAt: string | null;
}

export interface RoundEntry {
  id: number;
  code: string | null;
  draft: EntryDraft;
  unitId: number | null;
  unitName: string | null;
  ownerUserId: number | null;
  acceptedUploadId: string | null;
  submittedAt: string | null;
}

export interface RoundFacts {
  round: JudgingRoundRow;
  rubric: RoundRubric;
  entrySet: EntrySet;
  assignmentSpec: AssignmentSpec;
  method: RankingMethod;
  jurors: RoundJuror[];
  /** The round's entries: fixed once open; for a draft, what it would take now (`entriesProblems` says why not). */
  entryIds: number[];
  entriesProblems: Problem[];
  entries: Map<number, RoundEntry>;
  blocks: BlockIndex;
  blockRecords: BlockRecord[];
  /** Pairs `juror:entry`; for a draft, the assignment it would make now. */
  assigned: Set<string>;
  assignment: AssignmentResult | null;
  codes: Map<number, string>;
  previous: { name: string; state: JudgingRoundRow['state'] } | null;
  next: { name: string; state: JudgingRoundRow['state'] } | null;
}

export const pairKey = (jurorId: number, entryId: number) => `${jurorId}:${entryId}`;

export async function loadRoundFacts(db: Tx, round: JudgingRoundRow): Promise<RoundFacts> {
  const rubric = decodeRoundRubric(round.rubric_json);
  const entrySet = decodeEntrySet(round.entry_set_json);
  const assignmentSpec = decodeAssignmentSpec(round.assignment_json);
  const method = decodeRankingMethod(round.method_json);
  const jurorRows = await db
    .selectFrom('judging_round_jurors')
    .innerJoin('users', 'users.id', 'judging_round_jurors.user_id')
    .select([
      'judging_round_jurors.user_id',
      'users.full_name',
      'judging_round_jurors.is_chair',
      'judging_round_jurors.unit_id',
      'judging_round_jurors.unit_name',
      'judging_round_jurors.mode',
      'judging_round_jurors.submitted_at',
    ])
    .where('round_id', '=', round.id)
    .orderBy('judging_round_jurors.user_id')
    .execute();
  const jurors: RoundJuror[] = jurorRows.map((r) => ({
    userId: r.user_id,
    fullName: r.full_name,
    isChair: r.is_chair,
    unitId: r.unit_id,
    unitName: r.unit_name,
    mode: r.mode,
    submittedAt: r.submitted_at,
  }));
  const neighbours = await db
    .selectFrom('judging_rounds')
    .select(['position', 'name', 'state', 'id'])
    .where('contest_id', '=', round.contest_id)
    .where('position', 'in', [round.position - 1, round.position + 1])
    .execute();
  const prevRow = neighbours.find((n) => n.position === round.position - 1) ?? null;
  const nextRow = neighbours.find((n) => n.position === round.position + 1) ?? null;

  let entryIds: number[];
  let entriesProblems: RoundFacts['entriesProblems'] = [];
  if (round.state !== 'draft') {
    const rows = await db
      .selectFrom('judging_round_entries')
      .select('entry_id')
      .where('round_id', '=', round.id)
      .orderBy('entry_id')
      .execute();
    entryIds = rows.map((r) => r.entry_id);
  } else {
    const approved = (
      await db
        .selectFrom('entries')
        .select('id')
        .where('contest_id', '=', round.contest_id)
        .where('status', '=', 'submitted')
        .where('review_status', '=', 'approved')
        .execute()
    ).map((r) => r.id);
    let previous: { entryIds: number[]; ranking: Ranking } | null = null;
    let waiting = false;
    if (prevRow) {
      const prevRound = await db
        .selectFrom('judging_rounds')
        .selectAll()
        .where('id', '=', prevRow.id)
        .executeTakeFirstOrThrow();
      if (prevRound.state === 'locked') {
        const prevFacts = await loadRoundFacts(db, prevRound);
        previous = { entryIds: prevFacts.entryIds, ranking: (await rankRound(db, prevFacts, false)).ranking };
      } else waiting = true;
    }
    // A later round waits for the previous one to lock (openProblems says so); it has no entries before that.
    if (waiting && entrySet.kind !== 'all_approved') entryIds = [];
    else {
      const codes = await blindCodes(db, round.contest_id);
      const r = roundEntries(entrySet, {
        approved,
        previous,
        entryLabel: (id) => codes.get(id) ?? `#${id}`,
      });
      entryIds = r.ok ? r.entryIds : [];
      if (!r.ok) entriesProblems = r.problems;
    }
  }

  const entries = await loadEntries(db, entryIds);
  const blockRows = await db
    .selectFrom('judging_blocks')
    .select(['juror_user_id', 'entry_id', 'kind', 'reason', 'by_user_id', 'created_at'])
    .where('contest_id', '=', round.contest_id)
    .where('withdrawn_at', 'is', null)
    .execute();
  const blockRecords: BlockRecord[] = blockRows.map((b) => ({
    jurorId: b.juror_user_id,
    entryId: b.entry_id,
    kind: b.kind,
    reason: b.reason,
    byUserId: b.by_user_id ?? 0,
    at: b.created_at,
  }));
  const parties: EntryParty[] = [...entries.values()].map((e) => ({
    entryId: e.id,
    unitId: e.unitId,
    authorUnitNames: e.draft.authors.map((a) => a.unitName).filter((n) => n.trim() !== ''),
  }));
  const blocks = buildBlocks(
    jurors.map((j) => ({ jurorId: j.userId, unitId: j.unitId, unitName: j.unitName })),
    parties,
    blockRecords,
  );
  const codes = await blindCodes(db, round.contest_id);
  const assigned = new Set<string>();
  let assignment: AssignmentResult | null = null;
  if (round.state !== 'draft') {
    const rows = await db
      .selectFrom('judging_assignments')
      .select(['entry_id', 'juror_user_id'])
      .where('round_id', '=', round.id)
      .execute();
    for (const r of rows) assigned.add(pairKey(r.juror_user_id, r.entry_id));
  } else {
    assignment = planAssignment(jurors, entryIds, blocks, assignmentSpec, method, codes);
    if (assignment.ok) for (const p of assignment.plan.pairs) assigned.add(pairKey(p.jurorId, p.entryId));
  }
  return {
    round,
    rubric,
    entrySet,
    assignmentSpec,
    method,
    jurors,
    entryIds,
    entriesProblems,
    entries,
    blocks,
    blockRecords,
    assigned,
    assignment,
    codes,
    previous: prevRow ? { name: prevRow.name, state: prevRow.state } : null,
    next: nextRow ? { name: nextRow.name, state: nextRow.state } : null,
  };
}

export function planAssignment(
  jurors: readonly RoundJuror[],
  entryIds: readonly number[],
  blocks: BlockIndex,
  spec: AssignmentSpec,
  method: RankingMethod,
  codes: ReadonlyMap<number, string>,
): AssignmentResult {
  const names = new Map(jurors.map((j) => [j.userId, j.fullName]));
  const input = {
    jurorIds: jurors.map((j) => j.userId),
    entryIds,
    blocked: (j: number, e: number) => blocks.get(j, e) !== null,
    entryLabel: (id: number) => codes.get(id) ?? `#${id}`,
    jurorLabel: (id: number) => names.get(id) ?? `#${id}`,
  };
  return spec.mode === 'everyone'
    ? assignEveryone(input, method.minScores)
    : assignBalanced({ ...input, perEntry: spec.perEntry, seed: spec.seed });
}

async function loadEntries(db: Tx, ids: readonly number[]): Promise<Map<number, RoundEntry>> {
  const out = new Map<number, RoundEntry>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('entries')
    .leftJoin('units', 'units.id', 'entries.unit_id')
    .select([
      'entries.id',
      'entries.code',
      'entries.draft_json',
      'entries.unit_id',
      'units.name as unit_name',
      'entries.owner_user_id',
      'entries.accepted_upload_id',
      'entries.submitted_at',
    ])
    .where('entries.id', 'in', ids)
    .execute();
  for (const r of rows)
    out.set(r.id, {
      id: r.id,
      code: r.code,
      draft: decodeDraft(r.draft_json),
      unitId: r.unit_id,
      unitName: r.unit_name,
      ownerUserId: r.owner_user_id,
      acceptedUploadId: r.accepted_upload_id,
      submittedAt: r.submitted_at,
    });
  return out;
}

export async function blindCodes(db: Tx, contestId: number): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('judging_blind_codes')
    .select(['entry_id', 'code'])
    .where('contest_id', '=', contestId)
    .execute();
  return new Map(rows.map((r) => [r.entry_id, r.code]));
}

/** Blind codes for the entries that have none, drawn by a cryptographic source and stored. */
export async function ensureBlindCodes(db: Tx, contestId: number, entryIds: readonly number[]): Promise<void> {
  const existing = await blindCodes(db, contestId);
  const all = drawBlindCodes(entryIds, existing, () => crypto.randomInt(0, 2 ** 32) / 2 ** 32);
  const fresh = [...all].filter(([id]) => !existing.has(id));
  if (fresh.length > 0)
    await db
      .insertInto('judging_blind_codes')
      .values(fresh.map(([entry_id, code]) => ({ contest_id: contestId, entry_id, code })))
      .execute();
}

/** The round's ranking from its stored sheets; `provisional` counts drafts too (the chair's live view). */
export async function rankRound(
  db: Tx,
  f: RoundFacts,
  provisional: boolean,
): Promise<{ ranking: Ranking; rows: StoredSheet[] }> {
  const scoreRows = await db
    .selectFrom('judging_scores')
    .select(['juror_user_id', 'entry_id', 'sheet_json', 'source', 'entered_by', 'checked_by'])
    .where('round_id', '=', f.round.id)
    .execute();
  const rows: StoredSheet[] = scoreRows.map((r) => ({
    jurorId: r.juror_user_id,
    entryId: r.entry_id,
    content: decodeSheet(r.sheet_json),
    source: r.source,
    enteredBy: r.entered_by ?? r.juror_user_id,
    checkedBy: r.checked_by,
  }));
  const inRound = new Set(f.entryIds);
  const submitted = new Set(f.jurors.filter((j) => j.submittedAt !== null).map((j) => j.userId));
  const { counted, excluded } = countedSheets(rows, {
    rubric: f.rubric,
    inRound: (e) => inRound.has(e),
    assigned: (j, e) => f.assigned.has(pairKey(j, e)),
    block: (j, e) => f.blocks.get(j, e),
    submitted: (j) => submitted.has(j),
    provisional,
  });
  const decisions = await db
    .selectFrom('judging_tie_decisions')
    .selectAll()
    .where('round_id', '=', f.round.id)
    .orderBy('id')
    .execute();
  const ranking = rankEntries({
    rubric: f.rubric,
    method: f.method,
    entryIds: f.entryIds,
    sheets: counted,
    excluded,
    provisional,
    chairDecisions: decisions.map((d) => ({
      entryIds: decodeTieEntryIds(d.entry_ids_json),
      value: d.value,
      reason: d.reason,
      byUserId: d.decided_by ?? 0,
      at: d.decided_at,
    })),
  });
  return { ranking, rows };
}
