#!/usr/bin/env node
// The benchmark's floor for an export: fetch the same WeCom pages with the same HTTP library (an undici
// keep-alive Agent and its public request() API) and read each body, producing no rows. What livestats adds on
// top of this is parsing, checking, mapping, formatting and writing. With --parse it also JSON.parses each body
// and keeps nothing of it: what JSON.parse alone costs in memory as rows grow.
import { Agent, request } from 'undici';

const living = process.argv[2];
const parse = process.argv.includes('--parse');
const base = new URL(process.env.LIVESTATS_WECOM_BASE_URL);
const dispatcher = new Agent({ keepAliveTimeout: 10_000 });
const query = new URLSearchParams({ corpid: process.env.LIVESTATS_WECOM_CORP_ID, corpsecret: process.env.LIVESTATS_WECOM_CORP_SECRET });
const tokenResponse = await request(`${base.origin}/cgi-bin/gettoken?${query}`, { dispatcher });
const token = await tokenResponse.body.json();
let nextKey = '0';
for (;;) {
  const res = await request(`${base.origin}/cgi-bin/living/get_watch_stat?access_token=${encodeURIComponent(token.access_token)}`, {
    dispatcher,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ livingid: living, next_key: nextKey }),
  });
  const text = await res.body.text();
  if (parse) JSON.parse(text);
  // Only the end-of-walk fields are looked at; the viewers are not touched.
  if (/"ending"\s*:\s*1/.test(text)) break;
  nextKey = /"next_key"\s*:\s*"([^"]*)"/.exec(text)[1];
}
await dispatcher.destroy();
