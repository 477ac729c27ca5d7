// get_room_stats for one room: its cumulative totals, or "missing" when Tencent answers 100004 (the room does not
// exist, or was destroyed). Whether a missing room is an error is the caller's decision.
import { ProviderError, type ProviderDetail } from '../../errors.js';
import type { HttpRequest, Pacer } from '../../http/client.js';
import { parseResponse } from '../../http/validate.js';
import { endpointOf, type TencentApi } from './api.js';
import {
  BAD_RESOURCE_URL,
  PROVIDER,
  ROOM_NOT_FOUND,
  ROOM_STATISTIC_COMMAND,
  ROOM_STATS_COMMAND,
  roomStatsSchema,
  type RoomStatsBody,
} from './schemas.js';

export type RoomStats = RoomStatsBody['Response'];
export type RoomStatsResult = { found: true; stats: RoomStats } | { found: false; detail: ProviderDetail };

export function roomStatsRequest(api: TencentApi, room: string): HttpRequest {
  return api.request(ROOM_STATS_COMMAND, { RoomId: room });
}

/** Reads rooms' totals for one run; every call goes through the one pacer. */
export class RoomStatsReader {
  private command = ROOM_STATS_COMMAND;

  constructor(
    private readonly api: TencentApi,
    private readonly pacer?: Pacer | undefined,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  async read(room: string): Promise<RoomStatsResult> {
    const subject = `room ${JSON.stringify(room)}`;
    let command = this.command;
    let answer = await this.api.call(command, { RoomId: room }, { pacer: this.pacer, subject });
    if (answer.envelope.ErrorCode === BAD_RESOURCE_URL && command === ROOM_STATS_COMMAND) {
      // [UNCONFIRMED] which path is canonical: Tencent's admin tool reads the same totals at get_room_statistic,
      // so a 60009 (wrong resource URL) here moves the rest of the run to that path.
      this.log(`${PROVIDER} ${endpointOf(command)} answered 60009 (bad resource URL); using ${endpointOf(ROOM_STATISTIC_COMMAND)}`);
      command = this.command = ROOM_STATISTIC_COMMAND;
      answer = await this.api.call(command, { RoomId: room }, { pacer: this.pacer, subject });
    }
    const { envelope, body, detail } = answer;
    const endpoint = detail.endpoint;
    if (envelope.ErrorCode === ROOM_NOT_FOUND) return { found: false, detail };
    if (envelope.ErrorCode !== 0) throw new ProviderError(`${PROVIDER} ${endpoint} failed for ${subject}`, detail);
    const parsed = parseResponse(roomStatsSchema, body, { provider: PROVIDER, endpoint, requestId: envelope.RequestId });
    return { found: true, stats: parsed.Response };
  }
}
