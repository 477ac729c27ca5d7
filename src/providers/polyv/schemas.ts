// zod schemas for Polyv's answers and the Polyv quirks they encode (docs/providers.md §3). Unknown fields pass
// through (looseObject); a missing required field fails with its path so the error can name it.
import * as z from '../../util/zod.js';

export const PROVIDER = 'Polyv';

// Polyv: `code` equals the HTTP status and error bodies arrive with 4xx/5xx, so they are read whatever the
// status (docs/providers.md §3.3). Polyv's numeric error.code values contradict each other across its own docs
// (20001-style enum vs 10003 for an expired timestamp), so only error.desc is branched on.
export const envelopeSchema = z.looseObject({
  code: z.optional(z.unknown()),
  status: z.catch(z.nullish(z.string()), null),
  success: z.catch(z.nullish(z.boolean()), null),
  requestId: z.pipe(
    z.catch(z.nullish(z.union([z.string(), z.number()])), null),
    z.transform((v) => (v === null || v === undefined || v === '' ? undefined : String(v))),
  ),
  // An error part of another shape must not hide the answer behind a validation failure.
  error: z.catch(
    z.nullish(
      z.looseObject({
        code: z.nullish(z.union([z.number(), z.string()])),
        desc: z.nullish(z.string()),
      }),
    ),
    null,
  ),
  // Read only when error.desc is absent: a top-level `message` is a defensive fallback [UNCONFIRMED for v4].
  message: z.catch(z.nullish(z.string()), null),
});
export type PolyvEnvelope = z.output<typeof envelopeSchema>;

export function isSuccess(envelope: PolyvEnvelope): boolean {
  return envelope.success === true || envelope.status === 'success';
}

/** Polyv's own words for a failed answer. */
export function failureText(envelope: PolyvEnvelope): string | undefined {
  return envelope.error?.desc ?? envelope.message ?? undefined;
}

/** What a failed answer means for livestats; decided from the text of error.desc (§3.3, §5). */
export type PolyvFailure = 'auth' | 'timestamp' | 'rate-limit' | 'transient' | 'bad-channel' | 'other';

// Polyv: the messages of the 全局错误说明 page, matched on their stable prefix because some carry a suffix
// ("illegal channel id: 123") and the trailing dot is not used consistently.
const FAILURES: ReadonlyArray<[string, PolyvFailure]> = [
  ['invalid signature', 'auth'],
  ['application not found', 'auth'],
  ['appid is required', 'auth'],
  ['invalid timestamp', 'timestamp'],
  ['qps exceeds number of calls', 'rate-limit'],
  ['undefined error', 'transient'],
  // Polyv: answered with HTTP 403, yet it is a wrong argument, not a credential problem (exit 5, not 4).
  ['illegal channel id', 'bad-channel'],
];

export function classifyFailure(desc: string | null | undefined): PolyvFailure {
  const text = (desc ?? '').trim().toLowerCase();
  for (const [prefix, failure] of FAILURES) if (text.startsWith(prefix)) return failure;
  // Polyv: some endpoints answer in Chinese (时间戳过期, 时间戳错误, 时间戳不能为空); any of them is a timestamp problem.
  if (text.includes('时间戳')) return 'timestamp';
  return 'other';
}

/** Empty or absent optional text is null, as the contract asks; ids that arrive as numbers become text. */
const optionalText = z.pipe(
  z.nullish(z.union([z.string(), z.number()])),
  z.transform((v) => (v === null || v === undefined || String(v).trim() === '' ? null : String(v))),
);

// Polyv: amounts are documented as Float yuan with two decimals; a numeric string is accepted defensively.
const money = z.union([z.number(), z.string().check(z.regex(/^\s*-?\d+(\.\d+)?\s*$/, 'expected an amount'))]);

const wholeNumber = z.union([
  z.int().check(z.nonnegative()),
  z.pipe(z.string().check(z.regex(/^\d+$/, 'expected a whole number')), z.transform(Number)),
]);

const receiptSchema = z.looseObject({
  redPackId: optionalText,
  userId: optionalText,
  nickName: optionalText,
  avatar: optionalText,
  amount: money,
  createdTime: wholeNumber,
});

const redPackSchema = z.looseObject({
  redPackId: z.pipe(z.union([z.string().check(z.trim(), z.minLength(1)), z.number()]), z.transform(String)),
  // Polyv: the seed's sample sends channelId as a JSON number (2812610) although the field table says String.
  channelId: optionalText,
  // Polyv: not in the field table, but in the seed's sample and polyv-live-cli's types (§3.1).
  channelSessionId: optionalText,
  userId: optionalText,
  nickName: optionalText,
  amount: money,
  balance: money,
  // Polyv: allotType, status and redPackType are display names in Chinese (随机分配红包, 已结束, 普通红包), not codes.
  allotType: optionalText,
  status: optionalText,
  redPackType: optionalText,
  createdTime: wholeNumber,
  // A red pack nobody opened may come without a list; that is zero receipts, not a malformed page.
  redPackReceiveList: z.pipe(z.nullish(z.array(receiptSchema)), z.transform((v) => v ?? [])),
});

// Polyv: pageNumber is 1-based [UNCONFIRMED: only the seminar API docs say "不传默认1"], and totalPages /
// totalItems are Java Longs; pageNumber and pageSize are echoes and may be absent.
const pageSchema = z.looseObject({
  pageNumber: z.nullish(wholeNumber),
  pageSize: z.nullish(wholeNumber),
  totalPages: wholeNumber,
  totalItems: wholeNumber,
  contents: z.array(redPackSchema),
});

export const redPackPageBodySchema = z.looseObject({ data: pageSchema });

export type Receipt = z.output<typeof receiptSchema>;
export type RedPack = z.output<typeof redPackSchema>;
export type RedPackPage = z.output<typeof pageSchema>;
