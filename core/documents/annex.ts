/** A table a document carries on its own pages: the award list, the ranking, the jurors' scores, a signature list. */
export interface Annex {
  title: string;
  columns: readonly string[];
  rows: readonly (readonly (string | number)[])[];
  /** Indexes of the columns holding amounts in đồng, right-aligned and grouped "1.000.000". */
  moneyColumns?: readonly number[];
  /** Indexes of the columns holding figures (scores, counts), right-aligned. */
  numberColumns?: readonly number[];
  /** Relative widths of the columns (the renderer scales them to the page); equal when absent. */
  widths?: readonly number[];
  footer?: readonly string[];
}
