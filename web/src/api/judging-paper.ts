import type { RoundRubric } from '@core/judging/rubric.ts';
import type { SheetContent } from '@core/judging/score-sheet.ts';
import { api, enc } from './client.ts';

export type PaperCheck = 'not_typed' | 'pending' | 'confirmed' | 'rejected';

export interface PaperEntry {
  ref: string;
  title: string;
  check: PaperCheck;
  version: number;
  sheet: SheetContent | null;
  complete: boolean;
  enteredBy: string | null;
  mine: boolean;
  checkedBy: string | null;
  rejectedBy: string | null;
  rejectReason: string | null;
}

export interface PaperDesk {
  roundId: number;
  name: string;
  state: 'draft' | 'open' | 'locked';
  blind: boolean;
  rubric: RoundRubric;
  mayEnter: boolean;
  mayCheck: boolean;
  jurors: { userId: number; fullName: string; submittedAt: string | null; entries: PaperEntry[] }[];
}

const url = (roundId: number, jurorId: number, ref: string) =>
  `/api/judging/rounds/${enc(roundId)}/paper/${enc(jurorId)}/entries/${enc(ref)}`;

export const paperDesk = (roundId: number) => api<PaperDesk>(`/api/judging/rounds/${enc(roundId)}/paper`);
export const typePaperSheet = (
  roundId: number,
  jurorId: number,
  ref: string,
  baseVersion: number,
  sheet: SheetContent,
) =>
  api<{ version: number; check: PaperCheck }>(url(roundId, jurorId, ref), {
    method: 'PUT',
    json: { baseVersion, sheet },
  });
export const checkPaperSheet = (
  roundId: number,
  jurorId: number,
  ref: string,
  body: { version: number; decision: 'confirm' | 'reject'; reason: string },
) => api<{ check: PaperCheck }>(`${url(roundId, jurorId, ref)}/check`, { method: 'POST', json: body });
export const markPaperReceived = (roundId: number, jurorId: number) =>
  api<{ submittedAt: string }>(`/api/judging/rounds/${enc(roundId)}/paper/${enc(jurorId)}/received`, {
    method: 'POST',
  });
