import type { Page } from 'playwright-core';

interface LongTaskHolder {
  cositeLongTasks: PerformanceEntry[];
  cositeLongTaskObserver: PerformanceObserver;
}

/** Starts recording the page's long tasks (over 50 ms on the main thread, the browser's long-task observer). */
export async function observeLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const holder = window as unknown as LongTaskHolder;
    holder.cositeLongTaskObserver?.disconnect();
    performance.clearMarks();
    const entries: PerformanceEntry[] = [];
    holder.cositeLongTasks = entries;
    holder.cositeLongTaskObserver = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) entries.push(entry);
    });
    holder.cositeLongTaskObserver.observe({ type: 'longtask' });
  });
}

/**
 * Stops recording; the durations of the long tasks that began before the app's performance mark `markName` (set when
 * an analysis's result reaches the page), or of all when `markName` is null. Drawing the result afterwards is WebGL
 * under SwiftShader in these tests (hundreds of ms a frame), not the analysis.
 */
export async function longTaskDurations(page: Page, markName: string | null): Promise<number[]> {
  return page.evaluate((name) => {
    const holder = window as unknown as LongTaskHolder;
    holder.cositeLongTaskObserver.disconnect();
    const marks = name === null ? [] : performance.getEntriesByName(name, 'mark');
    if (name !== null && marks.length === 0) throw new Error(`the page set no mark ${name}`);
    const until = marks.length > 0 ? marks[0].startTime : Number.POSITIVE_INFINITY;
    return holder.cositeLongTasks.filter((entry) => entry.startTime < until).map((entry) => entry.duration);
  }, markName);
}
