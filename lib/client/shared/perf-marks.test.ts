import { afterEach, describe, expect, it } from 'vitest';
import { markSidebarPainted, nextSidebarPaint, SIDEBAR_FRAME_MARK, SIDEBAR_PAINTED_MARK } from './perf-marks';

afterEach(() => performance.clearMarks());

describe('the sidebar paint signal', () => {
  it('should resolve once the first screen is marked painted, after the frame it was drawn in', async () => {
    let resolved = false;
    const painted = nextSidebarPaint().then(() => (resolved = true));
    await Promise.resolve();
    expect(resolved).toBe(false);

    markSidebarPainted();
    await painted;

    const [frame] = performance.getEntriesByName(SIDEBAR_FRAME_MARK);
    const [paint] = performance.getEntriesByName(SIDEBAR_PAINTED_MARK);
    expect(frame && paint && frame.startTime <= paint.startTime).toBe(true);
  });
});
