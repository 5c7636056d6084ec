import type { ReferenceClipView } from '@core/reference-clips.ts';
import { api, enc } from '../../../api/client.ts';

export const referencesKey = (slug: string) => ['reference-clips', slug] as const;

export const listReferenceClips = (slug: string) =>
  api<ReferenceClipView[]>(`/api/contests/${enc(slug)}/reference-clips`);

/** The content type the endpoint expects for a video file, from its type or its extension; null for other files. */
export function referenceContentType(file: { name: string; type: string }): 'video/mp4' | 'video/quicktime' | null {
  if (file.type === 'video/mp4' || file.type === 'video/quicktime') return file.type;
  const ext = file.name.toLowerCase().split('.').pop();
  if (ext === 'mp4' || ext === 'm4v') return 'video/mp4';
  if (ext === 'mov') return 'video/quicktime';
  return null;
}

export const loadReferenceClip = (slug: string, body: { title: string; source: string; file: File }, type: string) =>
  api<{ id: number; flags: number }>(
    `/api/contests/${enc(slug)}/reference-clips?title=${enc(body.title)}&source=${enc(body.source)}`,
    { method: 'POST', raw: { body: body.file, contentType: type } },
  );

export const deleteReferenceClip = (slug: string, id: number) =>
  api(`/api/contests/${enc(slug)}/reference-clips/${enc(id)}`, { method: 'DELETE' });
