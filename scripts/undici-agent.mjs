// What livestats uses of undici at run time, for the bundle: the keep-alive Agent. undici's index would also
// load fetch, WebSocket, the caches and the mocks, more than half of its code, on every command.
export { default as Agent } from 'undici/lib/dispatcher/agent.js';
