import type { Selectable } from 'kysely';
import { hoursLeft } from '@core/privacy-erasure.ts';
import type { ErasureRequestsTable } from '../../db/schema.ts';
import { decodeErasureOutcome, type ErasureOutcome } from '../../db/json-columns.ts';

export interface ErasureRequestView {
  id: number;
  status: 'pending' | 'done' | 'refused';
  requestedAt: string;
  dueAt: string;
  /** Whole hours left (negative once overdue) while pending. */
  hoursLeft: number | null;
  note: string;
  handledAt: string | null;
  staffReason: string | null;
  outcome: ErasureOutcome | null;
}

export function presentErasureRequest(row: Selectable<ErasureRequestsTable>, now: Date): ErasureRequestView {
  return {
    id: row.id,
    status: row.status,
    requestedAt: row.requested_at,
    dueAt: row.due_at,
    hoursLeft: row.status === 'pending' ? hoursLeft(new Date(row.due_at), now) : null,
    note: row.note,
    handledAt: row.handled_at,
    staffReason: row.staff_reason,
    outcome: row.outcome_json === null ? null : decodeErasureOutcome(row.outcome_json),
  };
}
