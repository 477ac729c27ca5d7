// The column lists of /work/shared/cli-contract.md, written out here rather than imported from src/, so the
// end-to-end tests check the product against the contract and not against itself.

export const WATCH_COLUMNS = [
  'living_id',
  'viewer_type',
  'userid',
  'external_userid',
  'name',
  'external_type',
  'watch_time_s',
  'is_comment',
  'is_mic',
  'invitor_userid',
  'invitor_external_userid',
] as const;

export const WATCH_SUMMARY_COLUMNS = [
  'living_id',
  'viewers',
  'members',
  'external_viewers',
  'total_watch_time_s',
  'avg_watch_time_s',
  'commenters',
  'mic_users',
] as const;

export const LIVING_COLUMNS = [
  'living_id',
  'anchor_userid',
  'theme',
  'status',
  'type',
  'living_start',
  'living_duration_s',
  'reserve_start',
  'reserve_duration_s',
  'viewer_num',
  'comment_num',
  'mic_num',
  'online_count',
  'subscribe_count',
  'open_replay',
  'replay_status',
  'main_department',
  'description',
] as const;

export const GIFT_COLUMNS = ['room_id', 'from_account', 'total_count', 'total_coins', 'gift_sender_count', 'sequence'] as const;

export const GIFT_SUMMARY_COLUMNS = ['room_id', 'accounts', 'total_count', 'total_coins'] as const;

export const ROOM_COLUMNS = [
  'room_id',
  'room_name',
  'owner_account',
  'created_at',
  'category',
  'activity_status',
  'view_count',
  'total_viewers',
  'total_gifts_sent',
  'total_gift_coins',
  'unique_gift_senders',
  'likes_received',
  'msg_count',
] as const;

export const ROOM_SUMMARY_COLUMNS = ['rooms', 'rooms_with_stats', 'view_count', 'total_viewers', 'total_gifts_sent', 'total_gift_coins', 'likes_received', 'msg_count'] as const;

export const RED_PACK_COLUMNS = [
  'channel_id',
  'session_id',
  'red_pack_id',
  'red_pack_type',
  'allot_type',
  'status',
  'created_at',
  'sender_userid',
  'sender_nickname',
  'amount',
  'balance',
  'receive_count',
  'received_amount',
] as const;

export const RECEIVE_COLUMNS = [
  'channel_id',
  'session_id',
  'red_pack_id',
  'red_pack_type',
  'receiver_userid',
  'receiver_nickname',
  'receiver_avatar',
  'amount',
  'received_at',
] as const;

export const RED_PACK_SUMMARY_COLUMNS = [
  'channel_id',
  'red_packs',
  'total_amount',
  'total_balance',
  'receives',
  'unique_receivers',
  'received_amount',
] as const;

export const LIVECOUNT_COLUMNS = [
  'room_id',
  'is_subscribe',
  'un_subscribe',
  'is_look',
  'un_look',
  'is_order',
  'un_order',
  'claimed',
  'certified_num',
  'order_total',
  'order_target_total',
  'shell_target',
  'henghu_target',
  'xianfeng_target',
  'jijing_target',
  'shell_amount',
  'henghu_amount',
  'xianfeng_amount',
  'jijing_amount',
] as const;

/** One exported row as JSON gives it. */
export type Row = Record<string, unknown>;

/** Yuan to whole fen, for sums that must not drift. */
export function fen(yuan: unknown): number {
  if (typeof yuan !== 'number') throw new TypeError(`not a money amount: ${JSON.stringify(yuan)}`);
  return Math.round(yuan * 100);
}

/** A number of yuan with at most two decimals, as the contract writes money. */
export function isMoney(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && Math.round(value * 100) / 100 === value;
}
