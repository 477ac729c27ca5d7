// The report's LiveCount source: the one funnel row of a room, through the same settings, headers and call as
// `livestats livecount`. The only place the report touches that code.
import type { HttpRequest } from '../../http/client.js';
import { buildLiveCountRequest, fetchLiveCount, loadLiveCountSettings, redactConfiguredHeaders } from '../../providers/livecount/live-count.js';
import type { ProviderSession } from '../../session/provider-session.js';
import type { LiveCountFields } from '../funnel.js';

export async function liveCountRow(session: ProviderSession, roomId: number): Promise<LiveCountFields> {
  const { room_id: _id, ...fields } = await fetchLiveCount(session, loadLiveCountSettings(session.settings), { roomId });
  // The export's room_id is a string; the report keeps the number it asked for.
  return { ...fields, room_id: roomId };
}

export function liveCountRequests(session: ProviderSession, roomId: number): HttpRequest[] {
  return [redactConfiguredHeaders(buildLiveCountRequest(loadLiveCountSettings(session.settings), { roomId }))];
}
