// Reads a get_watch_stat page's next_key from its raw body, before the body is parsed, so that the next
// page can be asked for while this one is parsed (paginate's lookahead). Only a guess: paginate uses it
// only when the parsed, validated page names the same next_key.

// Keys, not values: inside a JSON string a quote is escaped, so `"ending"` followed by a colon is a key.
const ENDING = /"ending"\s*:\s*(-?\d+)/;
const NEXT_KEY = /"next_key"\s*:\s*"((?:[^"\\]|\\.)*)"/;

/** The next_key of a page that says it is not the last (ending 0), or undefined when there is nothing to guess. */
export function peekNextKey(text: string): string | undefined {
  const ending = ENDING.exec(text);
  // WeCom: only ending == 1 ends a walk (doc 93636); a page without ending is an error page or malformed.
  if (ending === null || ending[1] === '1') return undefined;
  const key = NEXT_KEY.exec(text);
  if (key === null || key[1] === '') return undefined;
  const escaped = key[1] as string;
  if (!escaped.includes('\\')) return escaped;
  try {
    return JSON.parse(`"${escaped}"`) as string;
  } catch {
    return undefined;
  }
}
