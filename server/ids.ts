import { randomBytes } from 'node:crypto';

let lastMs = -1;
let sequence = 0;

// Random bytes drawn 4 KB at a time, as crypto.randomUUID() caches its own: a call into the
// CSPRNG per id cost more than the rest of newId (every write makes one).
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let used = POOL_BYTES;
function random16(): Buffer {
  if (used + 16 > pool.length) {
    pool = randomBytes(POOL_BYTES);
    used = 0;
  }
  used += 16;
  return pool.subarray(used - 16, used);
}

/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, a 12-bit counter, then randomness. Ids sort by
 * creation time, which keeps B-tree inserts local, and reveal nothing about other rows. The
 * counter (RFC 9562 §6.2, method 1) keeps ids made in one millisecond in creation order: events
 * of one mutation share a time, and the timeline orders them by id.
 */
export function newId(now = Date.now()): string {
  let ms = now;
  if (ms > lastMs) {
    sequence = 0;
  } else {
    ms = lastMs;
    sequence += 1;
    if (sequence > 0xfff) {
      ms += 1;
      sequence = 0;
    }
  }
  lastMs = ms;
  const bytes = random16();
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
