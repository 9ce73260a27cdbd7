import { describe, expect, it } from 'vitest';
import { latestRun } from '../../../src/app/data/latestRun';

/** A promise settled by the test, standing for a worker's answer. */
function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

describe('latestRun (the latest run wins)', () => {
  it("drops a stale run's result, even when it arrives after the newer run's", async () => {
    const runs = latestRun();
    const shown: string[] = [];
    const analyse = async (answer: Promise<string>) => {
      const run = runs.start();
      const result = await answer;
      if (run.isCurrent()) shown.push(result);
    };
    const first = deferred<string>();
    const second = deferred<string>();
    const firstDone = analyse(first.promise);
    const secondDone = analyse(second.promise);
    second.resolve('second');
    await secondDone;
    first.resolve('first');
    await firstDone;
    expect(shown).toEqual(['second']);
  });

  it('aborts the previous run when a new one starts, and only that one', () => {
    const runs = latestRun();
    const first = runs.start();
    expect(first.signal.aborted).toBe(false);
    expect(first.isCurrent()).toBe(true);
    const second = runs.start();
    expect(first.signal.aborted).toBe(true);
    expect(first.isCurrent()).toBe(false);
    expect(second.signal.aborted).toBe(false);
    expect(second.isCurrent()).toBe(true);
  });

  it('cancel aborts the current run and keeps it current, so it can report its cancellation', () => {
    const runs = latestRun();
    runs.cancel(); // nothing started: nothing to abort
    const run = runs.start();
    runs.cancel();
    expect(run.signal.aborted).toBe(true);
    expect(run.isCurrent()).toBe(true);
    const next = runs.start();
    expect(next.signal.aborted).toBe(false);
    expect(run.isCurrent()).toBe(false);
  });

  it('abandon aborts the current run and makes it stale, so a closed dialog is not reopened by its answer', () => {
    const runs = latestRun();
    const run = runs.start();
    runs.abandon();
    expect(run.signal.aborted).toBe(true);
    expect(run.isCurrent()).toBe(false);
    const next = runs.start();
    expect(next.isCurrent()).toBe(true);
  });

  it('keeps separate runs apart', () => {
    const coverage = latestRun();
    const plan = latestRun();
    const coverageRun = coverage.start();
    plan.start();
    plan.cancel();
    expect(coverageRun.signal.aborted).toBe(false);
    expect(coverageRun.isCurrent()).toBe(true);
  });
});
