// The sandbox's id conventions, in one place: an id of the form `sandbox-<N>` asks for a data set of N items,
// a few fixed ids ask for a documented error, and any other well-formed id gets a small default data set.
// The protocol modules apply these; the README's table describes them.

/** WeCom: viewers of a living id that does not ask for a size. */
export const DEFAULT_VIEWERS = 42;
/** Polyv: red packs on a numeric channel id (the shape of real Polyv channel ids). */
export const DEFAULT_RED_PACKS = 12;

/** WeCom errcode 92008 (the app may not operate this living). */
export const FORBIDDEN_ID = 'sandbox-forbidden';
/** WeCom errcode 40058, Tencent ErrorCode 100004; Polyv refuses it as an illegal channel id like any non-numeric id. */
export const MISSING_ID = 'sandbox-missing';

/** `sandbox-<N>` asks for N items; N is canonical decimal (no leading zeros) up to one billion. */
export function sizeFromId(id: string): number | undefined {
  const match = /^sandbox-(0|[1-9]\d{0,9})$/.exec(id);
  if (!match) return undefined;
  const n = Number(match[1]);
  return n <= 1_000_000_000 ? n : undefined;
}
