// Reads a get_watch_stat page's next_key from its raw body, before the body is parsed, so that the next
// page can be asked for while this one is parsed (paginate's lookahead). Only a guess: paginate uses it
// only when the parsed, validated page names the same next_key.

// Keys, not values: inside a JSON string a quote is escaped, so `"ending"` followed by a colon is a key.
const ENDING = Buffer.from('"ending"');
const NEXT_KEY = Buffer.from('"next_key"');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const MINUS = 0x2d;
const ZERO = 0x30;
const ONE = 0x31;
const NINE = 0x39;

/** The next_key of a page that says it is not the last (ending 0), or undefined when there is nothing to guess. */
export function peekNextKey(body: Buffer): string | undefined {
  const ending = valueStart(body, ENDING);
  // WeCom: only ending == 1 ends a walk (doc 93636); a page without ending is an error page or malformed.
  if (ending === -1 || isEndingOne(body, ending)) return undefined;
  let i = ending;
  if (body[i] === MINUS) i++;
  if (!isDigit(body[i])) return undefined;
  const start = valueStart(body, NEXT_KEY);
  if (start === -1 || body[start] !== QUOTE) return undefined;
  let escaped = false;
  let end = start + 1;
  for (;;) {
    const c = body[end];
    if (c === undefined) return undefined;
    if (c === QUOTE) break;
    if (c === BACKSLASH) {
      escaped = true;
      end++;
    }
    end++;
  }
  if (end === start + 1) return undefined;
  if (!escaped) return body.toString('utf8', start + 1, end);
  try {
    return JSON.parse(body.toString('utf8', start, end + 1)) as string;
  } catch {
    return undefined;
  }
}

/** Where the value of the first `key` followed by a colon starts, spaces skipped; -1 if there is none. */
function valueStart(body: Buffer, key: Buffer): number {
  for (let at = body.indexOf(key); at !== -1; at = body.indexOf(key, at + 1)) {
    const colon = skipSpace(body, at + key.length);
    if (body[colon] === COLON) return skipSpace(body, colon + 1);
  }
  return -1;
}

function isEndingOne(body: Buffer, at: number): boolean {
  return body[at] === ONE && !isDigit(body[at + 1]);
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= ZERO && c <= NINE;
}

function skipSpace(body: Buffer, at: number): number {
  let i = at;
  for (let c = body[i]; c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = body[++i]);
  return i;
}
