/**
 * The list for the administrative-reform (CCHC) index (R17, plan II.3): each unit with a winning entry, its winning
 * entries and their prizes, for the bonus points and the year's task-completion assessment. A unit counts once,
 * however many prizes it won. A unit's entry counts for that unit; a person's or group's entry counts for the first
 * author's workplace when it matches one of the contest's units (by name, without diacritics and case); otherwise
 * it is listed apart, for the secretariat to settle by hand.
 */
import { awardedPlaces, type Allocation } from '../awards/allocation.ts';
import type { EntryId } from '../awards/ranking.ts';
import { foldVietnamese } from '../normalize.ts';
import type { AwardedEntryFacts } from './awarded-entry.ts';
import { docLine } from './text.ts';

export interface CchcUnitRow {
  /** STT, from 1. */
  no: number;
  unitId: number;
  unitName: string;
  entries: { code: string; title: string; prizeName: string }[];
}

export interface CchcList {
  title: string;
  rows: CchcUnitRow[];
  /** Winning entries whose credit could not be tied to a unit of the contest. */
  unmatched: { code: string; title: string; prizeName: string; unitNameAsWritten: string }[];
}

export interface ContestUnit {
  id: number;
  name: string;
}

/** The contest's unit whose name, folded, equals the folded text ("ubnd xa vinh thai" = "UBND xã Vĩnh Thái"). */
export function matchUnit(written: string, units: readonly ContestUnit[]): ContestUnit | null {
  const key = foldVietnamese(written);
  if (!key) return null;
  const found = units.filter((u) => foldVietnamese(u.name) === key);
  return found.length === 1 ? found[0]! : null;
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

export function cchcList(
  a: Allocation,
  entries: ReadonlyMap<EntryId, AwardedEntryFacts>,
  units: readonly ContestUnit[],
  year: number,
): CchcList {
  const byUnit = new Map<number, CchcUnitRow>();
  const unmatched: CchcList['unmatched'] = [];
  for (const p of awardedPlaces(a)) {
    const e = entries.get(p.entryId);
    if (!e) throw new RangeError(`No details for winning entry ${p.entryId}.`);
    const item = { code: e.code, title: docLine(e.title), prizeName: p.prize.name };
    const written = e.authors[0]?.unitName ?? '';
    const unit = e.unit ?? matchUnit(written, units);
    if (!unit) {
      unmatched.push({ ...item, unitNameAsWritten: docLine(written) });
      continue;
    }
    const row = byUnit.get(unit.id) ?? { no: 0, unitId: unit.id, unitName: docLine(unit.name), entries: [] };
    row.entries.push(item);
    byUnit.set(unit.id, row);
  }
  const rows = [...byUnit.values()]
    .sort((x, y) => collator.compare(x.unitName, y.unitName))
    .map((r, i) => ({ ...r, no: i + 1 }));
  return {
    title: `DANH SÁCH ĐƠN VỊ CÓ TÁC PHẨM ĐẠT GIẢI ĐỀ NGHỊ CỘNG ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${year}`,
    rows,
    unmatched,
  };
}
