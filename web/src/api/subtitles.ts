import { useQuery } from '@tanstack/react-query';
import { api, enc } from './client.ts';
import type { SubtitleList, SubtitleSaved } from './types.ts';

export const subtitlesKey = (entryId: number) => ['subtitles', entryId] as const;

export function useSubtitles(entryId: number) {
  return useQuery({
    queryKey: subtitlesKey(entryId),
    queryFn: () => api<SubtitleList>(`/api/entries/${enc(entryId)}/subtitles`),
    enabled: entryId > 0,
  });
}

/** Sends the picked file as it is: the server works out its format and encoding from the bytes. */
export const uploadSubtitles = (entryId: number, lang: string, file: File) =>
  api<SubtitleSaved>(`/api/entries/${enc(entryId)}/subtitles/${enc(lang)}`, {
    method: 'PUT',
    raw: {
      body: file,
      contentType: /\.vtt$/i.test(file.name)
        ? 'text/vtt'
        : /\.srt$/i.test(file.name)
          ? 'application/x-subrip'
          : 'application/octet-stream',
    },
  });

export const deleteSubtitles = (entryId: number, lang: string) =>
  api<{ ok: true }>(`/api/entries/${enc(entryId)}/subtitles/${enc(lang)}`, { method: 'DELETE' });
