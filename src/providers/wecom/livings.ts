// Finds a member's livings: every cursor page of get_user_all_livingid, then get_living_info for each id, several
// in flight under one pacer per API (providers.md §7), fewer after each 45033, kept when their start is in the
// window. Rows and columns are living-rows.ts's; what is exported of them (livings, watch --user, --state) is the commands'.
import pLimit from 'p-limit';
import { inWindow, type TimeWindow } from '../../cli/time-window.js';
import { ProviderError } from '../../errors.js';
import type { Pacer } from '../../http/client.js';
import { mapInOrder } from '../../http/in-order.js';
import { paginate, type CursorPage } from '../../http/paginate.js';
import { throttlePacer } from '../../http/throttle.js';
import { parseResponse } from '../../http/validate.js';
import { callWecom } from './call.js';
import { livingInfoRequest, userLivingIdsRequest } from './requests.js';
import {
  LIST_LIMIT,
  LIST_LIVINGS,
  LIVING_INFO,
  livingIdListSchema,
  livingInfoSchema,
  PROVIDER,
  WecomCode,
  type LivingInfo,
} from './schemas.js';
import type { WecomApi } from './token.js';

/** get_living_info calls in flight unless --concurrency says otherwise. */
export const DEFAULT_INFO_CONCURRENCY = 10;

// WeCom: 10,000 calls a minute per corp and API (doc 90454); 150 a second stays under it even when sustained,
// and spreads the calls so that no one second carries a burst.
const LIVING_API_RATE = { limit: 150, windowMs: 1000 } as const;

/** One living found for the run: who listed it first, what get_living_info said, and when it (would have) started. */
export interface FoundLiving {
  livingid: string;
  /** The first member (in the order given) whose list holds it; a living listed by two is read once. */
  userid: string;
  info: LivingInfo;
  /** living_start, or reserve_start for a living that never started; Unix seconds; undefined when neither is known. */
  startS: number | undefined;
  /** 0 reserved, 1 live, 2 ended, 3 expired, 4 cancelled; undefined when WeCom left it out. */
  status: number | undefined;
}

export interface DiscoverOptions {
  concurrency: number;
  /** get_living_info's pacer for the run; made here when not given (tests pass their own). */
  infoPacer?: Pacer;
}

function createLivingPacer(api: WecomApi): Pacer {
  return throttlePacer({ limit: LIVING_API_RATE.limit, intervalMs: LIVING_API_RATE.windowMs, signal: api.session.ctx.signal });
}

/** WeCom's answer for an unknown member gets a hint about userids; every other code is errcodes.ts's as usual. */
function listFailure(userid: string): (errcode: number, errmsg: string | undefined) => ProviderError | undefined {
  return (errcode, errmsg) => {
    if (errcode !== WecomCode.unknownUser) return undefined;
    const detail = { provider: PROVIDER, endpoint: LIST_LIVINGS, code: errcode, providerMessage: errmsg };
    return new ProviderError(`${PROVIDER} ${LIST_LIVINGS} does not know member ${JSON.stringify(userid)}`, detail, {
      hint: "Give the member's userid (账号) as the WeCom admin console shows it, not their display name.",
    });
  };
}

async function fetchIdPage(api: WecomApi, userid: string, cursor: string, pacer: Pacer | undefined): Promise<CursorPage<string[]>> {
  const subject = `${LIST_LIVINGS} (member ${userid})`;
  const body = await callWecom(api, {
    endpoint: LIST_LIVINGS,
    subject,
    build: (token) => userLivingIdsRequest(api.settings.baseUrl, token, userid, cursor, LIST_LIMIT),
    failing: { endpoint: `${LIST_LIVINGS} for member ${userid}` },
    failure: listFailure(userid),
    pacer,
  });
  // WeCom: an error answer may carry livingid_list too (obs 60020); only a success page (errcode 0) gets here.
  const page = parseResponse(livingIdListSchema, body, { provider: PROVIDER, endpoint: subject });
  // WeCom: "" (or, never seen, a missing next_cursor) is the last page; a short page is not (providers.md §7.1).
  return { page: page.livingid_list ?? [], next: page.next_cursor ? page.next_cursor : undefined };
}

/** Every living id of one member, a page at a time, until next_cursor is empty or missing. */
export function userLivingIds(api: WecomApi, userid: string, pacer?: Pacer): AsyncGenerator<string[], void, undefined> {
  return paginate((cursor) => fetchIdPage(api, userid, cursor ?? '', pacer), undefined, {
    onRepeatedCursor(cursor) {
      throw new ProviderError(
        `${PROVIDER} ${LIST_LIVINGS} for member ${userid} returned next_cursor ${JSON.stringify(cursor)} again: the list would loop`,
        { provider: PROVIDER, endpoint: LIST_LIVINGS },
        { hint: 'WeCom keeps handing back the same page; try again later, or report it with --verbose output.' },
      );
    },
  });
}

/** get_living_info of one living; `onConcurrencyLimited` hears of each 45033 on the way. */
export async function readLivingInfo(api: WecomApi, livingid: string, pacer?: Pacer, onConcurrencyLimited?: () => void): Promise<LivingInfo> {
  const subject = `${LIVING_INFO} (living ${livingid})`;
  const body = await callWecom(api, {
    endpoint: LIVING_INFO,
    subject,
    build: (token) => livingInfoRequest(api.settings.baseUrl, token, livingid),
    failing: { endpoint: LIVING_INFO, livingid },
    pacer,
    onConcurrencyLimited,
  });
  return parseResponse(livingInfoSchema, body, { provider: PROVIDER, endpoint: subject }).living_info;
}

/** The status, whichever spelling of the key WeCom used. */
export function livingStatus(info: LivingInfo): number | undefined {
  return info.status ?? info['status '] ?? undefined;
}

/** When the living started, or for one that never did (living_start 0 or absent) when it was booked to. */
function effectiveStartS(info: LivingInfo): number | undefined {
  if (info.living_start) return info.living_start;
  return info.reserve_start ? info.reserve_start : undefined;
}

// WeCom: status 0 reserved and 4 cancelled have no viewers (doc 93635); an unknown status is given the benefit.
const NO_VIEWERS = new Set([0, 4]);

/** Whether the living can have viewers: what `watch --user` and `report --user` export. */
export function mayHaveViewers(living: FoundLiving): boolean {
  return living.status === undefined || !NO_VIEWERS.has(living.status);
}

/** By start, then id; a living with no known start at all goes last. */
function compareLivings(a: FoundLiving, b: FoundLiving): number {
  const sa = a.startS ?? Infinity;
  const sb = b.startS ?? Infinity;
  if (sa !== sb) return sa < sb ? -1 : 1;
  return a.livingid < b.livingid ? -1 : a.livingid > b.livingid ? 1 : 0;
}

/**
 * The livings of every member whose start is in the window (all of them without one), each read once,
 * ordered by start then id. A living with no known start is kept only when the window is open on both sides.
 */
export async function discoverLivings(api: WecomApi, userids: readonly string[], window: TimeWindow, options: DiscoverOptions): Promise<FoundLiving[]> {
  const listPacer = createLivingPacer(api);
  const infoPacer = options.infoPacer ?? createLivingPacer(api);
  const owners = new Map<string, string>();
  for (const userid of userids) {
    for await (const ids of userLivingIds(api, userid, listPacer)) {
      for (const id of ids) if (!owners.has(id)) owners.set(id, userid);
    }
  }
  const bounded = window.since !== undefined || window.until !== undefined;
  const found: FoundLiving[] = [];
  // WeCom: 45033 means too many get_living_info calls at once: back off (the retry) and send fewer (docs/providers.md §7).
  const inFlight = pLimit(options.concurrency);
  const sendFewer = (): void => {
    const fewer = Math.max(1, Math.floor(inFlight.concurrency / 2));
    if (fewer === inFlight.concurrency) return;
    inFlight.concurrency = fewer;
    api.session.log(`${PROVIDER} ${LIVING_INFO}: concurrency limit (45033), at most ${fewer} in flight from now on`);
  };
  const infos = mapInOrder(owners, options.concurrency, ([livingid, userid]) =>
    inFlight(async () => {
      const info = await readLivingInfo(api, livingid, infoPacer, sendFewer);
      return { livingid, userid, info, startS: effectiveStartS(info), status: livingStatus(info) };
    }),
  );
  for await (const living of infos) {
    if (living.startS === undefined ? !bounded : inWindow(window, living.startS * 1000)) found.push(living);
  }
  return found.sort(compareLivings);
}
