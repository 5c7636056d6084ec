/**
 * A small CSV reader for the files staff import (fanpage counts, resident lists): RFC 4180 quoting, a UTF-8 byte
 * order mark, CRLF or LF, and the separator of the file's first line — a comma, or the semicolon that Excel writes
 * under Vietnamese regional settings (where the comma is the decimal mark), or a tab.
 */
import { foldVietnamese } from '../normalize.ts';

export interface CsvRow {
  /** Line in the file where the row starts (1-based), for error messages. */
  line: number;
  cells: string[];
}

export type CsvRead = { ok: true; rows: CsvRow[] } | { ok: false; line: number };

export function detectSeparator(firstLine: string): ',' | ';' | '\t' {
  const count = (c: string) => firstLine.split(c).length - 1;
  const candidates = [',', ';', '\t'] as const;
  return candidates.reduce((best, c) => (count(c) > count(best) ? c : best), ',' as ',' | ';' | '\t');
}

/** Reads every row; blank lines are skipped. Fails only on a quote left open, naming the line it opened on. */
export function readCsv(text: string): CsvRead {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const sep = detectSeparator(src.slice(0, src.search(/\r?\n|$/)));
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let quoteLine = 0;
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0]!.trim() !== '') rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      quoted = true;
      quoteLine = line;
      cell = '';
    } else if (ch === sep) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (quoted) return { ok: false, line: quoteLine };
  if (cell !== '' || cells.length > 0) endRow();
  return { ok: true, rows };
}

/** A header cell folded for matching: lower case, no diacritics, spaces and dashes as underscores. */
export function headerKey(cell: string): string {
  return foldVietnamese(cell).replace(/[\s-]+/g, '_');
}
