// Small corruptions of JSON text for the byte readers' tests: one character that matters to JSON's grammar
// inserted at a random place, or one character removed. Most results are invalid JSON; some are valid and
// mean something else, which is as useful.

const MARKS = ['"', '\\', ',', ':', '{', '}', '[', ']', '0', '-', '.', 'e', ' ', '\n', '\u0001', 'n', 't', 'x'];

export function mutatedJson(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  if (random() >= 0.5) return text.slice(0, at) + text.slice(at + 1);
  const mark = MARKS[Math.floor(random() * MARKS.length)] as string;
  return text.slice(0, at) + mark + text.slice(at);
}
