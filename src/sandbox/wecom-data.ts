// WeCom viewer data, generated lazily page by page: viewer i of a living is a pure function of (living id, i),
// so a million-viewer living costs no memory and any page can be built without the ones before it.
// Rows are assembled from pre-escaped strings: the benchmarks need well over a million rows per second here.
import { DEFAULT_VIEWERS, sizeFromId } from './ids.js';
import { nameJson } from './names.js';
import { hashString, rowHash } from './prng.js';

export interface Living {
  id: string;
  size: number;
  seed: number;
  /** Goes into external user ids and next_key, so both differ between livings. */
  tag: string;
}

export function livingFor(id: string): Living {
  const seed = hashString(id, 0x77ec);
  return { id, size: sizeFromId(id) ?? DEFAULT_VIEWERS, seed, tag: seed.toString(36) };
}

export interface ViewerPage {
  /** JSON array texts for stat_info.users and stat_info.external_users. */
  users: string;
  externalUsers: string;
}

/** Viewers [offset, offset + count) of the living; `extra` adds an undocumented field to every row. */
export function viewerPage(living: Living, offset: number, count: number, extra = false): ViewerPage {
  const end = Math.min(living.size, offset + count);
  const users: string[] = [];
  const external: string[] = [];
  const tail = extra ? ',"sandbox_unknown":1}' : '}';
  for (let i = offset; i < end; i++) {
    const h = rowHash(living.seed, i);
    const g = rowHash(living.seed, i, 1);
    const stats = `,"watch_time":${g % 7200},"is_comment":${(h >>> 4) & 3 ? 0 : 1},"is_mic":${(h >>> 6) & 15 ? 0 : 1}`;
    // WeCom fills the invitor fields only for some viewers of product-promotion livings (docs/providers.md §1.1).
    let invitor = '';
    if ((g & 7) === 0) {
      invitor = (g >>> 3) & 1 ? `,"invitor_userid":"sbx_${(g >>> 4) % 5000}"` : `,"invitor_external_userid":"wm${living.tag}x${(g >>> 4) % 5000}"`;
    }
    if (h % 10 < 6) {
      users.push(`{"userid":"sbx_${i}"${stats}${invitor}${tail}`);
    } else {
      const type = (h >>> 8) & 1 ? 1 : 2;
      external.push(`{"external_userid":"wm${living.tag}${i}","type":${type},"name":${nameJson(g >>> 11)}${stats}${invitor}${tail}`);
    }
  }
  return { users: `[${users.join(',')}]`, externalUsers: `[${external.join(',')}]` };
}

/** An opaque cursor: base64url of the offset and the living's tag, so a key from another living is refused. */
export function encodeNextKey(living: Living, offset: number): string {
  return Buffer.from(`${offset}.${living.tag}`, 'utf8').toString('base64url');
}

/** The offset a next_key points at; undefined when it is not one of this living's keys. */
export function decodeNextKey(living: Living, key: string | undefined): number | undefined {
  if (key === undefined || key === '' || key === '0') return 0;
  if (!/^[A-Za-z0-9_-]+$/.test(key)) return undefined;
  const match = /^(0|[1-9]\d{0,9})\.([0-9a-z]+)$/.exec(Buffer.from(key, 'base64url').toString('utf8'));
  if (!match || match[2] !== living.tag) return undefined;
  const offset = Number(match[1]);
  return offset <= living.size ? offset : undefined;
}
