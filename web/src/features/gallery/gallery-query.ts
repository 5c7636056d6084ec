/**
 * The gallery's filters as they live in the page's address, so that a filtered view can be shared. Unknown or
 * malformed parameters are dropped rather than sent to the server.
 */
import type { EntryForm } from '@core/contest.ts';
import type { GalleryQuery } from '../../api/gallery-query.ts';

// Repeated from core/contest.ts (which builds zod schemas at load time); the Record makes the compiler fail if a
// form is added there and not here.
const FORMS: Record<EntryForm, true> = {
  video_clip: true,
  report: true,
  skit: true,
  staged: true,
  real_footage: true,
  animation: true,
};

function int(v: string | null, min: number): number | undefined {
  if (v === null || !/^\d{1,6}$/.test(v)) return undefined;
  const n = Number(v);
  return n >= min ? n : undefined;
}

export function parseGalleryQuery(params: URLSearchParams): GalleryQuery {
  const out: GalleryQuery = {};
  const form = params.get('form');
  if (form && Object.hasOwn(FORMS, form)) out.form = form as EntryForm;
  const unitId = int(params.get('unit'), 1);
  if (unitId !== undefined) out.unitId = unitId;
  const topicIndex = int(params.get('topic'), 1);
  // Topics are numbered from 1 in the address, as people read them; the API counts from 0.
  if (topicIndex !== undefined) out.topicIndex = topicIndex - 1;
  const q = params.get('q')?.normalize('NFC').trim().slice(0, 100);
  if (q) out.q = q;
  return out;
}

/** The page's own query string for these filters, in a stable order; empty filters leave no trace. */
export function galleryPageSearch(query: GalleryQuery): URLSearchParams {
  const p = new URLSearchParams();
  if (query.q?.trim()) p.set('q', query.q.trim());
  if (query.form) p.set('form', query.form);
  if (query.unitId !== undefined) p.set('unit', String(query.unitId));
  if (query.topicIndex !== undefined) p.set('topic', String(query.topicIndex + 1));
  return p;
}

export function hasFilters(query: GalleryQuery): boolean {
  return query.form !== undefined || query.unitId !== undefined || query.topicIndex !== undefined || !!query.q;
}
