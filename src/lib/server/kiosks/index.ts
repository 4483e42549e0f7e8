// Kiosks: the tablets in the offices. `import * as kiosks from '$lib/server/kiosks'`; by concern:
//   tokens.ts    a device token's kiosk, and the per-process cache of those reads
//   pairing.ts   a new kiosk, its one-time pairing code, the exchange of a code for a token
//   records.ts   one kiosk's row and its changes (revoke, heartbeat, rename, move, settings)
//   list.ts      the administration's list with health, and one kiosk's details
// What an admin screen does to a kiosk, with its audit row, is in ../kiosk-commands.ts.

export * from './list';
export * from './pairing';
export * from './records';
export { byToken, byTokenRecent, KIOSK_CACHE_MS } from './tokens';
