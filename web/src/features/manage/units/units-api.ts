import { useQuery } from '@tanstack/react-query';
import { api, enc } from '../../../api/client.ts';
import type { ImportResult, UnitReminderResult, UnitView } from '../../../api/types.ts';

export interface UnitBody {
  name: string;
  categoryCode: string;
  contactEmail?: string;
  contactName?: string;
  contactPosition?: string;
  contactPhone?: string;
}

export const unitsKey = (slug: string) => ['units', slug] as const;

export const listUnits = (slug: string, q: string) =>
  api<UnitView[]>(`/api/contests/${enc(slug)}/units${q.trim() ? `?q=${enc(q.trim())}` : ''}`);

/** Every unit of the contest, for a picker: one cached list wherever it is asked for. */
export function useAllUnits(slug: string, enabled: boolean) {
  return useQuery({ queryKey: [...unitsKey(slug), ''], queryFn: () => listUnits(slug, ''), enabled });
}

export const unitOptions = (units: UnitView[] | undefined) =>
  (units ?? []).map((u) => ({ value: u.id, label: u.name }));

export const saveUnit = (slug: string, body: UnitBody, id?: number) =>
  id === undefined
    ? api<{ id: number }>(`/api/contests/${enc(slug)}/units`, { method: 'POST', json: body })
    : api<{ id: number }>(`/api/contests/${enc(slug)}/units/${enc(id)}`, { method: 'PUT', json: body });

export const remindUnit = (slug: string, id: number) =>
  api<UnitReminderResult>(`/api/contests/${enc(slug)}/units/${enc(id)}/remind`, { method: 'POST' });

export const deleteUnit = (slug: string, id: number) =>
  api(`/api/contests/${enc(slug)}/units/${enc(id)}`, { method: 'DELETE' });

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The content type the import endpoint expects for a file, or null when it is neither CSV nor XLSX. */
export function importContentType(filename: string): string | null {
  const ext = filename.toLowerCase().split('.').pop();
  if (ext === 'csv') return 'text/csv';
  if (ext === 'xlsx') return XLSX_TYPE;
  return null;
}

export const importUnits = (slug: string, file: File, contentType: string) =>
  api<ImportResult>(`/api/contests/${enc(slug)}/units/import?filename=${enc(file.name)}`, {
    method: 'POST',
    raw: { body: file, contentType },
  });

/** A CSV template that opens in Excel with its Vietnamese letters intact (UTF-8 with a byte-order mark). */
export function templateCsvUrl(sampleCategory: string): string {
  const text = `\uFEFFten,loai,email,nguoi lien he,chuc vu,dien thoai\r\nXã Vĩnh Thái,${sampleCategory},,,,\r\n`;
  return URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
}
