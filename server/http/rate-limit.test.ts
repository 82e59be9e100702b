import { describe, expect, it } from 'vitest';
import { DelayLimiter, LruMap, type DelayPolicy } from './rate-limit';

const policy: DelayPolicy = { free: 3, baseMs: 1000, capMs: 8000, forgetMs: 60_000, maxKeys: 100 };

describe('DelayLimiter', () => {
  it('should let the free failures through, then make each attempt wait twice as long up to the cap', () => {
    const limiter = new DelayLimiter(policy);
    let now = 0;
    const waits: number[] = [];
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const wait = limiter.waitMs('k', now);
      waits.push(wait);
      now += wait;
      limiter.count('k', now);
    }
    expect(waits).toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 8000]);
  });

  it('should not count a refused attempt: asking early does not push the wait further', () => {
    const limiter = new DelayLimiter(policy);
    for (let attempt = 0; attempt < 3; attempt += 1) limiter.count('k', 0);
    expect(limiter.waitMs('k', 400)).toBe(600);
    expect(limiter.waitMs('k', 900)).toBe(100);
    expect(limiter.waitMs('k', 1000)).toBe(0);
  });

  it('should count attempts sent together before their outcome is known', () => {
    const limiter = new DelayLimiter(policy);
    const passed = Array.from({ length: 10 }, () => {
      if (limiter.waitMs('k', 0) > 0) return false;
      limiter.count('k', 0);
      return true;
    });
    expect(passed.filter(Boolean)).toHaveLength(3);
  });

  it('should take back an attempt that succeeded, and its wait', () => {
    const limiter = new DelayLimiter(policy);
    limiter.count('k', 0);
    limiter.count('k', 0);
    const success = limiter.count('k', 0);
    expect(limiter.waitMs('k', 0)).toBe(1000);
    success();
    expect(limiter.waitMs('k', 0)).toBe(0);
    limiter.count('k', 0);
    expect(limiter.waitMs('k', 0)).toBe(1000);
  });

  it('should leave another attempt’s wait in place when taking one back', () => {
    const limiter = new DelayLimiter(policy);
    limiter.count('k', 0);
    limiter.count('k', 0);
    const success = limiter.count('k', 0);
    limiter.count('k', 1000); // a failure that came in meanwhile: waits 2 s from 1 s
    success();
    expect(limiter.waitMs('k', 1000)).toBe(2000);
  });

  it('should forget a key after a quiet period', () => {
    const limiter = new DelayLimiter(policy);
    for (let attempt = 0; attempt < 5; attempt += 1) limiter.count('k', 0);
    expect(limiter.waitMs('k', 59_999)).toBe(0); // the wait is over, the failures still count
    limiter.count('k', 59_999);
    expect(limiter.waitMs('k', 59_999)).toBe(8000);
    expect(limiter.waitMs('k', 59_999 + 60_000)).toBe(0);
    limiter.count('k', 59_999 + 60_000);
    expect(limiter.waitMs('k', 59_999 + 60_000)).toBe(0); // started over: a free failure again
  });

  it('should keep at most maxKeys keys however many distinct ones come', () => {
    const limiter = new DelayLimiter({ ...policy, maxKeys: 10_000 });
    for (let index = 0; index < 100_000; index += 1) limiter.count(`someone-${index}@example.com`, index);
    expect(limiter.size).toBeLessThanOrEqual(10_000);
  });
});

describe('LruMap', () => {
  it('should hold at most maxKeys entries over 100,000 distinct keys', () => {
    const map = new LruMap<string, number>(1000);
    let largest = 0;
    for (let index = 0; index < 100_000; index += 1) {
      map.set(`key-${index}`, index);
      largest = Math.max(largest, map.size);
    }
    expect(largest).toBe(1000);
    expect(map.size).toBeGreaterThanOrEqual(900);
    expect(map.peek('key-0')).toBeUndefined();
    expect(map.peek('key-99999')).toBe(99_999);
  });

  it('should drop the least recently used keys, not one just read', () => {
    const map = new LruMap<string, number>(10);
    for (let index = 0; index < 10; index += 1) map.set(`key-${index}`, index);
    expect(map.get('key-0')).toBe(0);
    map.set('key-10', 10);
    expect(map.size).toBeLessThanOrEqual(10);
    expect(map.peek('key-0')).toBe(0);
    expect(map.peek('key-1')).toBeUndefined();
    expect(map.peek('key-10')).toBe(10);
  });
});
