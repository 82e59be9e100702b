import { describe, expect, it } from 'vitest';
import { newId } from './ids';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newId', () => {
  it('should make distinct UUIDv7 ids in creation order, well past one pool of random bytes', () => {
    const at = Date.now() + 60_000; // one millisecond for all: the counter orders them
    const ids = Array.from({ length: 2000 }, () => newId(at));
    for (const id of ids) expect(id).toMatch(UUID_V7);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    // The random tail differs from id to id: no bytes are handed out twice.
    expect(new Set(ids.map((id) => id.slice(19))).size).toBe(ids.length);
  });

  it('should start with the time it is given', () => {
    const at = Date.parse('2030-01-02T03:04:05.678Z');
    expect(parseInt(newId(at).replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });
});
