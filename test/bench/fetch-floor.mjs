#!/usr/bin/env node
// The benchmark's floor for an export: fetch the same WeCom pages with the same HTTP library and read each
// body, producing no rows. What livestats adds on top of this is parsing, mapping, formatting and writing.
import { Agent, request } from 'undici';

const living = process.argv[2];
const base = process.env.LIVESTATS_WECOM_BASE_URL;
const dispatcher = new Agent({ keepAliveTimeout: 10_000 });
const tokenUrl = `${base}/cgi-bin/gettoken?corpid=${encodeURIComponent(process.env.LIVESTATS_WECOM_CORP_ID)}&corpsecret=${encodeURIComponent(process.env.LIVESTATS_WECOM_CORP_SECRET)}`;
const token = await (await request(tokenUrl, { dispatcher })).body.json();
let nextKey = '0';
for (;;) {
  const res = await request(`${base}/cgi-bin/living/get_watch_stat?access_token=${token.access_token}`, {
    method: 'POST',
    dispatcher,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ livingid: living, next_key: nextKey }),
  });
  const text = await res.body.text();
  // Only the end-of-walk fields are looked at; the viewers are not touched.
  const ending = /"ending"\s*:\s*1/.test(text);
  if (ending) break;
  nextKey = /"next_key"\s*:\s*"([^"]*)"/.exec(text)[1];
}
await dispatcher.close();
