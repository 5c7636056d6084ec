/** The trimmed text value of a form field, or undefined when it was left empty. */
export function textOf(form: FormData, name: string): string | undefined {
  const v = form.get(name);
  if (typeof v !== 'string') return undefined;
  const s = v.trim().normalize('NFC');
  return s === '' ? undefined : s;
}

/** A password exactly as typed (spaces are part of it). */
export function passwordOf(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
}
