// The column model shared by every export and every sink: a key (JSON key and CSV header), a value function,
// and what the table may do with it. Sinks know columns and values, never providers.

/**
 * A list of integers (a room's categories): the json and ndjson sinks write it as an array; for every other
 * format the export runner hands the sink `listText` of it instead, so only the JSON writer ever sees one.
 */
export type CellList = readonly number[];

export type CellValue = string | number | boolean | null | CellList;

/** A list cell as text, for the formats that have no arrays. */
export function listText(list: CellList): string {
  return list.join(',');
}

export interface Column<Row> {
  /** JSON key and CSV header, as in the contract. */
  key: string;
  value(row: Row): CellValue;
  /** How the table totals line treats the column: summed, or left blank. */
  total?: 'sum' | 'money';
  /** The value is a CellList (or null): an array in JSON, joined by "," elsewhere. */
  list?: boolean;
  /** 'time': the value is an ISO 8601 timestamp with the --tz offset (or null); xlsx writes it as a date. */
  kind?: 'time';
}

/** What a sink needs of a column: its key, its totals rule and its kind (values arrive already computed). */
export interface ColumnInfo {
  key: string;
  total?: 'sum' | 'money' | undefined;
  kind?: 'time' | undefined;
}

export function columnInfo<Row>(columns: readonly Column<Row>[]): ColumnInfo[] {
  return columns.map((c) => ({ key: c.key, total: c.total, kind: c.kind }));
}

/** Orders and filters columns by --fields; throws a message listing the valid names on an unknown one. */
export function selectColumns<Row>(columns: readonly Column<Row>[], fields: readonly string[] | undefined): Column<Row>[] {
  if (!fields || fields.length === 0) return [...columns];
  const byKey = new Map(columns.map((c) => [c.key, c]));
  const chosen = new Set<Column<Row>>();
  for (const field of fields) {
    const column = byKey.get(field);
    if (!column) {
      throw new UnknownFieldError(field, columns.map((c) => c.key));
    }
    // A field named twice is shown once, at its first place: a JSON object cannot hold one key twice.
    chosen.add(column);
  }
  return [...chosen];
}

export class UnknownFieldError extends Error {
  constructor(
    readonly field: string,
    readonly valid: readonly string[],
  ) {
    super(`unknown field "${field}"; valid fields: ${valid.join(', ')}`);
  }
}
