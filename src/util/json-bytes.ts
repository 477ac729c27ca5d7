// JSON read straight from a response body's bytes, for the answer a run reads hundreds of times (a page of
// WeCom viewers): the body is never decoded into one long string, and keys the caller names in advance are
// not allocated again and again. The promise is exactness: whatever this returns equals what JSON.parse
// returns for the body decoded as UTF-8. Values it has no quick way for (numbers with a sign, fraction or
// exponent, strings with escapes) are cut out and handed to JSON.parse itself; for anything that is not valid
// JSON, and for a body JSON.parse would read differently (a byte order mark), it returns undefined, and the
// caller's JSON.parse of the text reports the problem as it always has.
//
// Two ways to read: parseJsonBytes builds the whole value, like JSON.parse; readJsonBytes lets a caller that
// knows the shape of an answer walk it token by token with JsonBytesReader's methods and build only what it
// needs, giving up (back to the general path) on anything it does not expect.

const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const COMMA = 0x2c;
const PLUS = 0x2b;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const COLON = 0x3a;
const UPPER_E = 0x45;
const OPEN_BRACKET = 0x5b;
const BACKSLASH = 0x5c;
const CLOSE_BRACKET = 0x5d;
const LOWER_E = 0x65;
const LOWER_N = 0x6e;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const FIRST_NON_ASCII = 0x80;

/** Deeper nesting is left to JSON.parse, which needs no stack for it; this reader recurses. */
const MAX_DEPTH = 64;
/** Up to this many digits a whole number is exact in a double, so it can be added up digit by digit. */
const MAX_QUICK_DIGITS = 15;

/** Thrown inside the reader when it gives the body up; never leaves this module's two entry points. */
const GIVE_UP: unique symbol = Symbol('give up');

/** Keys a caller expects, so that each is one shared string instead of a new one per object. */
export class KnownKeys {
  /** By first byte: the keys starting with it, as bytes with their closing quote, and as the string to use. */
  private readonly byFirstByte: Array<Array<{ bytes: Buffer; text: string }> | undefined> = [];

  constructor(keys: readonly string[]) {
    for (const text of keys) {
      const bytes = Buffer.from(text, 'latin1');
      if (bytes.toString('latin1') !== text || text.includes('"') || text.includes('\\')) {
        throw new Error(`a known key must be plain ASCII: ${JSON.stringify(text)}`);
      }
      (this.byFirstByte[text.charCodeAt(0)] ??= []).push({ bytes: Buffer.from(`${text}"`, 'latin1'), text });
    }
  }

  /**
   * The known key whose text and closing quote start at bytes[start], or undefined. A key spelled with an
   * escape is not recognised here; it is then read like any string, and is equal all the same.
   */
  find(bytes: Buffer, start: number): string | undefined {
    const candidates = this.byFirstByte[bytes[start] ?? 0];
    if (candidates === undefined) return undefined;
    for (const candidate of candidates) {
      const known = candidate.bytes;
      let i = 1;
      while (i < known.length && known[i] === bytes[start + i]) i++;
      if (i === known.length) return candidate.text;
    }
    return undefined;
  }
}

/** The body's value as JSON.parse would give it, or undefined when the body is left to JSON.parse. */
export function parseJsonBytes(bytes: Buffer, keys: KnownKeys): unknown {
  return readJsonBytes(bytes, keys, (reader) => reader.document());
}

/**
 * What `read` makes of the body, or undefined when it gave up (reader.giveUp(), or a token that is not what
 * it asked for). `read` must account for the whole body: reader.end() checks that nothing follows.
 */
export function readJsonBytes<T>(bytes: Buffer, keys: KnownKeys, read: (reader: JsonBytesReader) => T): T | undefined {
  try {
    return read(new JsonBytesReader(bytes, keys));
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

/**
 * A cursor over the bytes of one JSON document. Each method reads one token (or one value) where the cursor
 * stands and moves past it and past the whitespace after it; a token of another kind, or invalid JSON, gives
 * the whole body up. An object is read as openObject(), then memberKey() and its value, while nextMember().
 */
export class JsonBytesReader {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly bytes: Buffer,
    private readonly keys: KnownKeys,
  ) {
    this.skipSpace();
  }

  giveUp(): never {
    throw GIVE_UP;
  }

  /** Any one value, as JSON.parse gives it, and nothing after it. */
  document(): unknown {
    const value = this.value();
    this.end();
    return value;
  }

  /** JSON.parse refuses anything after the value. */
  end(): void {
    if (this.pos !== this.bytes.length) throw GIVE_UP;
  }

  value(): unknown {
    switch (this.bytes[this.pos]) {
      case OPEN_BRACE:
        return this.object();
      case OPEN_BRACKET:
        return this.array();
      case QUOTE:
        return this.string();
      case LOWER_N:
        return this.literal('null', null);
      case 0x74: // t
        return this.literal('true', true);
      case 0x66: // f
        return this.literal('false', false);
      default:
        return this.number();
    }
  }

  /** Past an object's `{`: true when a member follows, false when the object was empty (and is left). */
  openObject(): boolean {
    return this.open(OPEN_BRACE, CLOSE_BRACE);
  }

  /** Past a `,` (true: another member follows) or the object's `}` (false). */
  nextMember(): boolean {
    return this.next(CLOSE_BRACE);
  }

  /** Past an array's `[`: true when an element follows, false when the array was empty (and is left). */
  openArray(): boolean {
    return this.open(OPEN_BRACKET, CLOSE_BRACKET);
  }

  /** Past a `,` (true: another element follows) or the array's `]` (false). */
  nextElement(): boolean {
    return this.next(CLOSE_BRACKET);
  }

  /** A member's key and its colon: one of the known keys if it spells one, else read like any string. */
  memberKey(): string {
    if (this.bytes[this.pos] !== QUOTE) throw GIVE_UP;
    let key = this.keys.find(this.bytes, this.pos + 1);
    if (key === undefined) key = this.string();
    else {
      // The key and its quotes: known keys are ASCII, one byte per character.
      this.pos += key.length + 2;
      this.skipSpace();
    }
    if (this.bytes[this.pos] !== COLON) throw GIVE_UP;
    this.pos++;
    this.skipSpace();
    return key;
  }

  string(): string {
    const bytes = this.bytes;
    if (bytes[this.pos] !== QUOTE) throw GIVE_UP;
    const start = this.pos + 1;
    let ascii = true;
    let i = start;
    for (;;) {
      const c = bytes[i];
      if (c === QUOTE) break;
      if (c === BACKSLASH) return this.escapedString(start);
      // A raw control character (or the end of the body) inside a string is invalid JSON.
      if (c === undefined || c < SPACE) throw GIVE_UP;
      if (c >= FIRST_NON_ASCII) ascii = false;
      i++;
    }
    this.pos = i + 1;
    this.skipSpace();
    // Between two quotes the bytes can split no character, so decoding them alone gives what decoding the
    // whole body gives, replacement characters for invalid UTF-8 included.
    return bytes.toString(ascii ? 'latin1' : 'utf8', start, i);
  }

  /** A string, or null. */
  stringOrNull(): string | null {
    return this.bytes[this.pos] === LOWER_N ? this.literal('null', null) : this.string();
  }

  /** A whole number of up to 15 digits, read here; any other number through JSON.parse. */
  number(): number {
    const bytes = this.bytes;
    const start = this.pos;
    let i = start;
    let value = 0;
    let c = bytes[i];
    while (c !== undefined && c >= ZERO && c <= NINE) {
      value = value * 10 + (c - ZERO);
      c = bytes[++i];
    }
    const digits = i - start;
    const plain =
      digits > 0 &&
      digits <= MAX_QUICK_DIGITS &&
      // JSON forbids leading zeros.
      !(digits > 1 && bytes[start] === ZERO) &&
      c !== DOT &&
      c !== LOWER_E &&
      c !== UPPER_E;
    if (!plain) {
      if (digits === 0 && bytes[start] !== MINUS) throw GIVE_UP;
      while (c !== undefined && (c === MINUS || c === PLUS || c === DOT || c === LOWER_E || c === UPPER_E || (c >= ZERO && c <= NINE))) {
        c = bytes[++i];
      }
      value = this.parseSlice(start, i) as number;
    }
    this.pos = i;
    this.skipSpace();
    return value;
  }

  private object(): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    if (this.openObject()) {
      do {
        const key = this.memberKey();
        // JSON.parse makes "__proto__" an own property; assigning it would set the object's prototype instead.
        if (key === '__proto__') throw GIVE_UP;
        // A repeated key keeps its first place and takes the last value, as with JSON.parse.
        result[key] = this.value();
      } while (this.nextMember());
    }
    return result;
  }

  private array(): unknown[] {
    const result: unknown[] = [];
    if (this.openArray()) {
      do result.push(this.value());
      while (this.nextElement());
    }
    return result;
  }

  private open(opening: number, closing: number): boolean {
    if (this.bytes[this.pos] !== opening) throw GIVE_UP;
    if (++this.depth > MAX_DEPTH) throw GIVE_UP;
    this.pos++;
    this.skipSpace();
    if (this.bytes[this.pos] !== closing) return true;
    this.leave();
    return false;
  }

  private next(closing: number): boolean {
    const c = this.bytes[this.pos++];
    if (c === COMMA) {
      this.skipSpace();
      return true;
    }
    if (c !== closing) throw GIVE_UP;
    this.depth--;
    this.skipSpace();
    return false;
  }

  /** Past the closing byte of an empty object or array. */
  private leave(): void {
    this.depth--;
    this.pos++;
    this.skipSpace();
  }

  /** A string with escapes: its extent found here, its value from JSON.parse, which knows every escape. */
  private escapedString(start: number): string {
    const bytes = this.bytes;
    let i = start;
    for (;;) {
      const c = bytes[i];
      if (c === QUOTE) break;
      if (c === undefined || c < SPACE) throw GIVE_UP;
      i += c === BACKSLASH ? 2 : 1;
    }
    this.pos = i + 1;
    this.skipSpace();
    return this.parseSlice(start - 1, i + 1) as string;
  }

  private literal<T>(word: string, value: T): T {
    for (let i = 0; i < word.length; i++) {
      if (this.bytes[this.pos + i] !== word.charCodeAt(i)) throw GIVE_UP;
    }
    this.pos += word.length;
    this.skipSpace();
    return value;
  }

  private parseSlice(start: number, end: number): unknown {
    try {
      return JSON.parse(this.bytes.toString('utf8', start, end));
    } catch {
      throw GIVE_UP;
    }
  }

  private skipSpace(): void {
    const bytes = this.bytes;
    let c = bytes[this.pos];
    // Most calls find no space at all: one comparison decides that.
    if (c === undefined || c > SPACE) return;
    while (c === SPACE || c === LINE_FEED || c === CARRIAGE_RETURN || c === TAB) c = bytes[++this.pos];
  }
}
