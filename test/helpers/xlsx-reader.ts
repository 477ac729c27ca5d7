// Reads an .xlsx back without exceljs (the library that wrote it): fflate unzips it, fast-xml-parser parses the
// sheet, workbook and style XML. Gives each cell's raw type (t), value, number format and boldness, plus the
// frozen pane, autofilter and column widths of every sheet.
import { unzipSync, strFromU8 } from 'fflate';
import { XMLParser } from 'fast-xml-parser';

/** Parsed XML: untyped by nature; every value read from it is checked by the tests that use it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see the line above
type Xml = any;

export interface XlsxCell {
  ref: string;
  /** The t attribute as written: "inlineStr", "s", "b", "str"…; "n" when absent (a number); "empty" with no value. */
  type: string;
  /** The text of a string cell, the number of a number cell, true/false of a boolean cell. */
  value: string | number | boolean;
  numFmt: string | undefined;
  bold: boolean;
}

export interface XlsxSheet {
  name: string;
  /** Rows in order, each its cells by column index (0-based); a missing cell is undefined. */
  rows: (XlsxCell | undefined)[][];
  frozen: { state: string | undefined; ySplit: number | undefined; topLeftCell: string | undefined };
  autoFilter: string | undefined;
  /** Width per column index (0-based), from <cols>. */
  widths: (number | undefined)[];
}

const BUILTIN_FORMATS: Record<number, string> = { 0: 'General', 1: '0', 2: '0.00', 14: 'mm-dd-yy', 22: 'm/d/yy h:mm' };

const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function columnIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)![0];
  let index = 0;
  for (const ch of letters) index = index * 26 + (ch.charCodeAt(0) - 64);
  return index - 1;
}

/** The text of an <is> or <si> element: plain <t> or rich-text runs <r><t>. */
function textOf(node: Record<string, unknown>): string {
  const t = (x: unknown): string => (typeof x === 'object' && x !== null ? String((x as Record<string, unknown>)['#text'] ?? '') : String(x ?? ''));
  if (node.t !== undefined) return t(node.t);
  return list(node.r as Record<string, unknown>[]).map((run) => t(run.t)).join('');
}

export function readXlsx(file: Uint8Array): XlsxSheet[] {
  const files = unzipSync(file);
  const xml = (name: string): Record<string, unknown> => {
    const entry = files[name] ?? files[`/${name}`];
    if (!entry) throw new Error(`no ${name} in the workbook`);
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      parseTagValue: false,
      trimValues: false,
      isArray: (tag) => ['row', 'c', 'col', 'sheet', 'xf', 'font', 'numFmt', 'r', 'si', 'Relationship'].includes(tag),
    });
    return parser.parse(strFromU8(entry)) as Record<string, unknown>;
  };
  const styles = (xml('xl/styles.xml').styleSheet ?? {}) as Xml;
  const custom = new Map<number, string>(list(styles.numFmts?.numFmt).map((f: Xml) => [Number(f['@numFmtId']), String(f['@formatCode'])]));
  const fonts = list(styles.fonts?.font) as Xml[];
  const xfs = list(styles.cellXfs?.xf) as Xml[];
  const styleOf = (s: unknown): { numFmt: string | undefined; bold: boolean } => {
    const xf = xfs[Number(s ?? 0)] ?? {};
    const id = Number(xf['@numFmtId'] ?? 0);
    const font = fonts[Number(xf['@fontId'] ?? 0)] ?? {};
    return { numFmt: id === 0 ? undefined : (custom.get(id) ?? BUILTIN_FORMATS[id] ?? `#${id}`), bold: font.b !== undefined };
  };

  const sharedStrings = files['xl/sharedStrings.xml'] ? list((xml('xl/sharedStrings.xml').sst as Xml)?.si).map(textOf) : [];
  const rels = new Map<string, string>(
    list((xml('xl/_rels/workbook.xml.rels').Relationships as Xml)?.Relationship).map((r: Xml) => [String(r['@Id']), String(r['@Target'])]),
  );
  const sheets = list((xml('xl/workbook.xml').workbook as Xml)?.sheets?.sheet) as Xml[];
  return sheets.map((entry) => {
    const target = rels.get(String(entry['@r:id']))!.replace(/^\/?(xl\/)?/, '');
    const ws = xml(`xl/${target}`).worksheet as Xml;
    const pane = ws.sheetViews?.sheetView?.pane ?? {};
    const rows = list(ws.sheetData?.row).map((row: Xml) => {
      const cells: (XlsxCell | undefined)[] = [];
      for (const c of list(row.c) as Xml[]) {
        // A cell with a style and no value is empty, not a number.
        const type = c['@t'] ?? (c.v === undefined ? 'empty' : 'n');
        let value: string | number | boolean;
        if (type === 'inlineStr') value = textOf(c.is);
        else if (type === 's') value = sharedStrings[Number(c.v)]!;
        else if (type === 'b') value = String(c.v) === '1';
        else if (type === 'n') value = Number(c.v);
        else value = type === 'empty' ? '' : String(c.v ?? '');
        cells[columnIndex(c['@r'])] = { ref: c['@r'], type, value, ...styleOf(c['@s']) };
      }
      return cells;
    });
    const widths: (number | undefined)[] = [];
    for (const col of list(ws.cols?.col) as Xml[]) {
      for (let i = Number(col['@min']); i <= Number(col['@max']); i++) widths[i - 1] = Number(col['@width']);
    }
    return {
      name: String(entry['@name']),
      rows,
      frozen: { state: pane['@state'], ySplit: pane['@ySplit'] === undefined ? undefined : Number(pane['@ySplit']), topLeftCell: pane['@topLeftCell'] },
      autoFilter: ws.autoFilter?.['@ref'],
      widths,
    };
  });
}

/** An Excel date serial (1900 system) as the wall-clock text it shows with yyyy-mm-dd hh:mm:ss. */
export function serialToText(serial: number): string {
  const ms = Math.round((serial - 25569) * 86_400_000);
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
