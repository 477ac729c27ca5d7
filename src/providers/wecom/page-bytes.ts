// A get_watch_stat page read from the response body's bytes. A success page is read straight into watch
// rows, one viewer after the other, without building the page's viewer objects first: on a large export
// those objects and their checks were most of the parsing. The reading is exact: its rows are the rows the
// general path (JSON.parse, watchStatSchema, pageRows) makes of the same body. Anything that path might
// read differently or refuse, such as an error page, a value of a type the schema does not allow, or invalid
// JSON, is given up here, and the general path decides as it always has.
import { KnownKeys, parseJsonBytes, readJsonBytes, type JsonBytesReader } from '../../util/json-bytes.js';
import { externalRow, memberRow, type ExternalFields, type MemberFields, type WatchRow } from './rows.js';

// Every key of a get_watch_stat page: read from the body's bytes, each is one shared string, not one per viewer.
const PAGE_KEYS = new KnownKeys([
  'errcode',
  'errmsg',
  'ending',
  'next_key',
  'stat_info',
  'users',
  'external_users',
  'userid',
  'external_userid',
  'type',
  'name',
  'watch_time',
  'is_comment',
  'is_mic',
  'invitor_userid',
  'invitor_external_userid',
]);

/** A success page read straight into rows: what fetchPage needs of it besides. */
export class WatchRowsPage {
  /** Only success pages are read this way; the envelope check and busyRetry read this. */
  readonly errcode = 0;

  constructor(
    readonly ending: number,
    readonly next_key: string | undefined,
    /** Members first, then external users, each in the order WeCom sent them (as pageRows). */
    readonly rows: WatchRow[],
  ) {}
}

/**
 * The body as a WatchRowsPage when it is a plain success page; else its value as JSON.parse would give it
 * (see util/json-bytes.ts), or undefined to leave it to JSON.parse.
 */
export function readWatchStatBody(body: Buffer, livingId: string): WatchRowsPage | unknown {
  return readJsonBytes(body, PAGE_KEYS, (reader) => rowsPage(reader, livingId)) ?? parseJsonBytes(body, PAGE_KEYS);
}

/**
 * One viewer's fields as read. A page reuses one for all its viewers: memberRow and externalRow copy what
 * they need from it, so nothing per viewer is allocated besides its row and its strings.
 */
class ViewerFields {
  userid: string | undefined;
  external_userid: string | undefined;
  type: number | undefined;
  name: string | null | undefined;
  watch_time: number | undefined;
  is_comment: number | undefined;
  is_mic: number | undefined;
  invitor_userid: string | null | undefined;
  invitor_external_userid: string | null | undefined;

  clear(): void {
    this.userid = undefined;
    this.external_userid = undefined;
    this.type = undefined;
    this.name = undefined;
    this.watch_time = undefined;
    this.is_comment = undefined;
    this.is_mic = undefined;
    this.invitor_userid = undefined;
    this.invitor_external_userid = undefined;
  }
}

// Each reader below accepts only what watchStatSchema (and envelopeSchema) certainly accept, and reads the
// values the rows are made of as JSON.parse would. A repeated key takes its last value, as with JSON.parse:
// the fields are plain assignments.

function rowsPage(reader: JsonBytesReader, livingId: string): WatchRowsPage {
  let errcode = 0;
  let ending: number | undefined;
  let nextKey: string | undefined;
  let members: WatchRow[] = [];
  let externals: WatchRow[] = [];
  if (reader.openObject()) {
    do {
      const key = reader.memberKey();
      switch (key) {
        case 'errcode':
          errcode = safeInteger(reader);
          break;
        case 'errmsg':
          reader.string();
          break;
        case 'ending':
          ending = safeInteger(reader);
          break;
        case 'next_key':
          nextKey = reader.string();
          break;
        case 'stat_info': {
          // A repeated stat_info replaces the whole object, lists it lacks included.
          members = [];
          externals = [];
          const fields = new ViewerFields();
          if (reader.openObject()) {
            do {
              const listKey = reader.memberKey();
              if (listKey === 'users') members = viewers(reader, livingId, fields, false);
              else if (listKey === 'external_users') externals = viewers(reader, livingId, fields, true);
              else skipValue(reader, listKey);
            } while (reader.nextMember());
          }
          break;
        }
        default:
          skipValue(reader, key);
      }
    } while (reader.nextMember());
  }
  reader.end();
  // An error page is the general path's: it knows every errcode's meaning.
  if (errcode !== 0 || ending === undefined) reader.giveUp();
  const rows = externals.length === 0 ? members : members.length === 0 ? externals : members.concat(externals);
  return new WatchRowsPage(ending, nextKey, rows);
}

function viewers(reader: JsonBytesReader, livingId: string, fields: ViewerFields, external: boolean): WatchRow[] {
  const rows: WatchRow[] = [];
  if (!reader.openArray()) return rows;
  do {
    fields.clear();
    if (reader.openObject()) {
      do viewerField(reader, fields, external);
      while (reader.nextMember());
    }
    if (fields.watch_time === undefined) reader.giveUp();
    if (external) {
      if (fields.external_userid === undefined) reader.giveUp();
      // Checked above: the fields are an External's, and externalRow reads nothing else.
      rows.push(externalRow(livingId, fields as ExternalFields));
    } else {
      if (fields.userid === undefined) reader.giveUp();
      rows.push(memberRow(livingId, fields as MemberFields));
    }
  } while (reader.nextElement());
  return rows;
}

function viewerField(reader: JsonBytesReader, fields: ViewerFields, external: boolean): void {
  const key = reader.memberKey();
  switch (key) {
    case 'userid':
      if (external) break;
      fields.userid = reader.string();
      return;
    case 'external_userid':
      if (!external) break;
      fields.external_userid = reader.string();
      return;
    case 'type':
      if (!external) break;
      fields.type = safeInteger(reader);
      return;
    case 'name':
      fields.name = reader.stringOrNull();
      return;
    case 'watch_time': {
      const seconds = reader.number();
      // 1e400 reads as Infinity, which the schema refuses, as it refuses a negative time.
      if (!(seconds >= 0 && seconds !== Infinity)) reader.giveUp();
      fields.watch_time = seconds;
      return;
    }
    case 'is_comment':
      fields.is_comment = safeInteger(reader);
      return;
    case 'is_mic':
      fields.is_mic = safeInteger(reader);
      return;
    case 'invitor_userid':
      fields.invitor_userid = reader.stringOrNull();
      return;
    case 'invitor_external_userid':
      fields.invitor_external_userid = reader.stringOrNull();
      return;
  }
  // The other kind of viewer's keys too: for this kind the schema lets them through and the rows ignore them.
  skipValue(reader, key);
}

/**
 * A key the schemas let through and the rows do not read (WeCom may add fields): its value is read all the
 * same, so that a body that is not valid JSON is still given up, and then dropped.
 */
function skipValue(reader: JsonBytesReader, key: string): void {
  // JSON.parse makes "__proto__" an own property, which the schema sees; not worth telling apart here.
  if (key === '__proto__') reader.giveUp();
  reader.value();
}

/** zod's int(): a number that is a safe integer. */
function safeInteger(reader: JsonBytesReader): number {
  const value = reader.number();
  if (!Number.isSafeInteger(value)) reader.giveUp();
  return value;
}
