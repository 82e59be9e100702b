import { describe, expect, it } from 'vitest';
import { cpuSpent, describeCpuSpent, sampleCpu } from './process-cpu';

describe('CPU by process', () => {
  it('should name the given pid the server and count its CPU time', () => {
    const sample = sampleCpu(process.pid);
    if (sample === null) return expect(process.platform).not.toBe('linux');
    let spin = 0;
    for (const started = Date.now(); Date.now() - started < 50;) spin++;
    const spent = cpuSpent(sample, sampleCpu(process.pid))!;
    expect(spin).toBeGreaterThan(0);
    expect(sample.get(process.pid)?.kind).toBe('server');
    expect(spent.find(([kind]) => kind === 'server')?.[1]).toBeGreaterThan(0);
  });

  it('should add up each kind between two samples, largest first, new processes counted whole', () => {
    const before = new Map([
      [1, { kind: 'browser process', ms: 100 }],
      [2, { kind: 'extension worker', ms: 50 }],
    ]);
    const after = new Map([
      [1, { kind: 'browser process', ms: 400 }],
      [2, { kind: 'extension worker', ms: 60 }],
      [3, { kind: 'extension worker', ms: 500 }],
    ]);
    expect(cpuSpent(before, after)).toEqual([
      ['extension worker', 510],
      ['browser process', 300],
    ]);
    expect(cpuSpent(null, after)).toBeNull();
    expect(
      describeCpuSpent(
        [
          ['browser process', 2640],
          ['server', 680],
        ],
        3082,
      ),
    ).toMatch(/^browser process 2,640 \+ server 680 = 3,320 ms of CPU in 3,082 ms \(\d+ cores: [\d,]+\)$/);
  });
});
