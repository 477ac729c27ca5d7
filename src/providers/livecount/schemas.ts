// zod schemas for the vchangyi LiveCount response, and every quirk of its one seed document (seeds/000).
// Nothing here was checked against the live service: auth, paging, rate limits and error codes are
// [UNCONFIRMED] (docs/providers.md §4), so parsing is lenient where the document contradicts itself.
import * as z from '../../util/zod.js';

export const PROVIDER = 'LiveCount';
export const ENDPOINT_PATH = 'Invitation/Api/Actions/LiveCount';

/** The room funnel counts, in the contract's column order (snake_case as in the seed's field table). */
export const COUNT_FIELDS = [
  'is_subscribe', 'un_subscribe', 'is_look', 'un_look', 'is_order', 'un_order', 'claimed', 'certified_num',
] as const;
/** The fields of the nested `live_oders` object, flattened into the row in this order. */
export const ORDER_FIELDS = [
  'order_total', 'order_target_total', 'shell_target', 'henghu_target', 'xianfeng_target', 'jijing_target',
  'shell_amount', 'henghu_amount', 'xianfeng_amount', 'jijing_amount',
] as const;
export type CountField = (typeof COUNT_FIELDS)[number];
export type OrderField = (typeof ORDER_FIELDS)[number];

/** LiveCount: the field table says snake_case (`is_subscribe`), the sample answer camelCase (`isSubscribe`). */
const camel = (snake: string): string => snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The table types everything "int"; values may still arrive as numeric strings, and "" means "no value". */
const count = z.optional(
  z.pipe(
    z.transform((v: unknown) => (v === '' || v === undefined ? null : v)),
    z.nullable(
      z.union([z.number(), z.pipe(z.string().check(z.regex(/^\s*-?\d+(\.\d+)?\s*$/, 'expected a number')), z.transform(Number))]),
    ),
  ),
);

/** The seed calls `result` an "array" but shows an object: take the first element of an array. */
const firstRecord = (v: unknown): unknown => (Array.isArray(v) ? (v[0] ?? {}) : v);

/** Both spellings of each field, for a zod object shape. */
function bothSpellings(fields: readonly string[]): Record<string, z.ZodMiniType> {
  return Object.fromEntries(fields.flatMap((field) => [[field, count], [camel(field), count]]));
}

/** The snake_case value wins when a response carries both spellings. */
function pick<F extends string>(raw: Record<string, unknown>, fields: readonly F[]): Record<F, number | null> {
  const out = {} as Record<F, number | null>;
  for (const field of fields) out[field] = (raw[field] ?? raw[camel(field)] ?? null) as number | null;
  return out;
}

const orders = z.nullish(
  z.pipe(
    z.transform(firstRecord),
    z.pipe(z.looseObject(bothSpellings(ORDER_FIELDS)), z.transform((raw) => pick(raw, ORDER_FIELDS))),
  ),
);

/** `live_oders` is the seed's own spelling; `live_orders` is accepted too in case the typo is ever fixed. */
const ORDER_CONTAINERS = ['live_oders', 'liveOders', 'live_orders', 'liveOrders'] as const;

export const liveCountResult = z.pipe(
  z.transform(firstRecord),
  z.pipe(
    z.looseObject({ ...bothSpellings(COUNT_FIELDS), ...Object.fromEntries(ORDER_CONTAINERS.map((name) => [name, orders])) }),
    z.transform((raw) => {
      const found = ORDER_CONTAINERS.map((name) => raw[name] as Record<OrderField, number | null> | null | undefined);
      return { ...pick(raw, COUNT_FIELDS), orders: found.find((o) => o != null) ?? null };
    }),
  ),
);
export type LiveCountResult = z.output<typeof liveCountResult>;

/**
 * The envelope. The seed types `errcode` "string" and `errmsg` "int" yet its sample sends errcode 0 as a
 * number and errmsg "ok": both types are accepted for both. `result` is checked only after errcode says 0.
 */
export const liveCountEnvelope = z.looseObject({
  errcode: z.union([z.number(), z.string()]),
  errmsg: z.pipe(z.nullish(z.union([z.string(), z.number()])), z.transform((v) => (v == null ? undefined : String(v)))),
  requestId: z.pipe(
    z.nullish(z.union([z.string(), z.number()])),
    z.transform((v) => (v == null || v === '' ? undefined : String(v))),
  ),
  result: z.unknown(),
});
export type LiveCountEnvelope = z.output<typeof liveCountEnvelope>;

/** errcode 0 and "0" both mean success; what other codes mean is [UNCONFIRMED], so none is retried. */
export function isSuccess(errcode: number | string): boolean {
  return String(errcode).trim() === '0';
}
