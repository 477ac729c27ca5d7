// Fits a table to the terminal: decides how wide each column may be so a framed row is no wider than the
// screen, or that no readable fit exists and the records should be shown one key/value block each. Pure
// arithmetic on display widths; cutting the text and drawing are table-sink's job.

/** What the layout needs to know of one column. */
export interface ColumnShape {
  /** Widest text in the column, header included. */
  natural: number;
  /** Widest value (numbers are never cut, so this is the narrowest a numeric column may get). */
  values: number;
  /** Numbers: only the header may be shortened. */
  numeric: boolean;
  /** Ids are shortened last, and in the middle. */
  id: boolean;
}

/** Narrower than this a cell says too little to be worth a column: the table goes vertical instead. */
export const MIN_COLUMN_WIDTH = 6;
/** An id cut in the middle still needs a few characters on either side to be told apart. */
export const MIN_ID_WIDTH = 10;

/** cli-table3 draws "│ a │ b │": one border before the first column, then padding, text, padding, border. */
export function tableWidth(widths: readonly number[]): number {
  return 1 + widths.reduce((sum, w) => sum + w + 3, 0);
}

const ID_KEY = /(^|_)(id|userid|account)$/;

/** A column whose values are identifiers (living_id, external_userid, from_account…). */
export function isIdColumn(key: string): boolean {
  return ID_KEY.test(key);
}

/**
 * The width of each column, or 'vertical'. Text columns (names, avatars, themes) are shortened first, the
 * widest first, down to MIN_COLUMN_WIDTH; then ids, down to MIN_ID_WIDTH; numbers keep their values whole.
 */
export function fitColumns(shapes: readonly ColumnShape[], terminalWidth: number): number[] | 'vertical' {
  const widths = shapes.map((s) => s.natural);
  if (tableWidth(widths) <= terminalWidth) return widths;
  const floors = shapes.map((s) => Math.min(s.natural, s.numeric ? Math.max(s.values, MIN_COLUMN_WIDTH) : s.id ? MIN_ID_WIDTH : MIN_COLUMN_WIDTH));
  if (tableWidth(floors) > terminalWidth) return 'vertical';
  for (const stage of [(s: ColumnShape) => !s.id, (s: ColumnShape) => s.id]) {
    const members = shapes.flatMap((s, i) => (stage(s) ? [i] : []));
    // Lower one cap over this stage's columns until the table fits: the widest are cut, the narrow untouched.
    let cap = Math.max(0, ...members.map((i) => widths[i]!));
    while (tableWidth(widths) > terminalWidth && cap > 0) {
      cap--;
      let moved = false;
      for (const i of members) {
        const next = Math.max(floors[i]!, Math.min(widths[i]!, cap));
        if (next !== widths[i]) moved = true;
        widths[i] = next;
      }
      if (!moved && members.every((i) => widths[i] === floors[i])) break;
    }
    if (tableWidth(widths) <= terminalWidth) {
      // One cap over several columns can overshoot by a cell or two: hand them back to the columns cut.
      let slack = terminalWidth - tableWidth(widths);
      for (const i of members) {
        if (slack === 0) break;
        const give = Math.min(slack, shapes[i]!.natural - widths[i]!);
        widths[i]! += give;
        slack -= give;
      }
      return widths;
    }
  }
  return tableWidth(widths) <= terminalWidth ? widths : 'vertical';
}
