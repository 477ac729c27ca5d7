// LiveCount through real HTTP: both spellings, both errcode types, the auth header, argument errors.
import { afterEach, describe, expect, it } from 'vitest';
import { Harness, LIVECOUNT_AUTH, LIVECOUNT_PATH } from './helpers.js';

let h: Harness;
afterEach(() => h.close());

function count(json: unknown, headers: Record<string, string> = LIVECOUNT_AUTH) {
  return h.call('POST', LIVECOUNT_PATH, { json, headers });
}

const SNAKE = ['is_subscribe', 'un_subscribe', 'is_look', 'un_look', 'is_order', 'un_order', 'claimed', 'certified_num', 'live_oders'];
const ORDERS = ['order_total', 'order_target_total', 'shell_target', 'henghu_target', 'xianfeng_target', 'jijing_target', 'shell_amount', 'henghu_amount', 'xianfeng_amount', 'jijing_amount'];

describe('LiveCount', () => {
  it('answers snake_case for odd rooms with the live_oders object, totals adding up', async () => {
    h = await Harness.start();
    const answer = await count({ room_id: 1025 });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ errmsg: 'ok', errsdkcode: '' });
    expect(Object.keys(answer.json.result).sort()).toEqual([...SNAKE].sort());
    const r = answer.json.result;
    expect(Object.keys(r.live_oders).sort()).toEqual([...ORDERS].sort());
    const o = r.live_oders;
    expect(o.order_total).toBe(o.shell_amount + o.henghu_amount + o.xianfeng_amount + o.jijing_amount);
    expect(o.order_target_total).toBe(o.shell_target + o.henghu_target + o.xianfeng_target + o.jijing_target);
    expect(r.is_subscribe + r.un_subscribe).toBe(r.is_look + r.un_look);
  });

  it('answers camelCase for even rooms, as the seed sample does', async () => {
    h = await Harness.start();
    const r = (await count({ room_id: 1024 })).json.result;
    expect(r).toHaveProperty('isSubscribe');
    expect(r).toHaveProperty('certifiedNum');
    expect(r.liveOders).toHaveProperty('orderTotal');
    expect(r).not.toHaveProperty('is_subscribe');
  });

  it('keeps one spelling when the knob says so', async () => {
    h = await Harness.start({ livecountCase: 'snake' });
    expect((await count({ room_id: 1024 })).json.result).toHaveProperty('is_subscribe');
    await h.close();
    h = await Harness.start({ livecountCase: 'camel' });
    expect((await count({ room_id: 1025 })).json.result).toHaveProperty('isSubscribe');
  });

  it('sends errcode 0 as a number for some rooms and as the string "0" for others', async () => {
    h = await Harness.start();
    const codes = await Promise.all([1024, 1025, 1026, 1027].map(async (room) => (await count({ room_id: room })).json.errcode));
    expect(codes).toEqual([0, 0, '0', '0']);
  });

  it('gives the same numbers for the same room and filters, other numbers for other filters', async () => {
    h = await Harness.start();
    const a = (await count({ room_id: 7, left_select: 'east' })).json.result;
    const b = (await count({ room_id: 7, left_select: 'east' })).json.result;
    const c = (await count({ room_id: 7, left_select: 'west' })).json.result;
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('answers HTTP 401 without the auth header or with a wrong one', async () => {
    h = await Harness.start();
    const missing = await count({ room_id: 1 }, {});
    expect(missing.status).toBe(401);
    expect(missing.json.errcode).not.toBe(0);
    expect((await count({ room_id: 1 }, { 'X-Sandbox-Auth': 'guess' })).status).toBe(401);
  });

  it('answers 404 for another domain', async () => {
    h = await Harness.start();
    const answer = await h.call('POST', '/acme/Invitation/Api/Actions/LiveCount', { json: { room_id: 1 }, headers: LIVECOUNT_AUTH });
    expect(answer.status).toBe(404);
  });

  it.each([[{ room_id: 'abc' }], [{ room_id: 1.5 }], [{ room_id: '12' }], [{}], [{ room_id: 0 }], [{ room_id: 3, left_select: 5 }]])(
    'answers %j with a non-zero errcode',
    async (body) => {
      h = await Harness.start();
      const answer = await count(body);
      expect(answer.status).toBe(200);
      expect(answer.json.errcode).toMatch(/^[1-9]\d*$/);
      expect(answer.json.errmsg).not.toBe('ok');
    },
  );
});
