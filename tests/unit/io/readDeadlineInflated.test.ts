import { afterEach, describe, expect, it, vi } from 'vitest';
import { createReadDeadline } from '../../../src/core/io/readBudget';

const MIB = 1024 * 1024;

describe('a compressed file’s read budget follows what it holds once inflated', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('4 MiB of .xlsx holding 30 MiB of sheets: 25 s, not 12 s (10 s + 0.5 s per MiB)', () => {
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const deadline = createReadDeadline(4 * MIB);
    deadline.inflated(30 * MIB);
    now = 24_900;
    expect(() => deadline.check()).not.toThrow();
    now = 25_100;
    expect(() => deadline.check()).toThrow(/past the 25\.0 s budget for a file of 4\.0 MiB, 30\.0 MiB inflated/);
  });

  it('keeps the larger budget, and a budget the caller set', () => {
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const small = createReadDeadline(40 * MIB);
    small.inflated(2 * MIB); // less than the file's own budget (30 s): unchanged
    now = 29_000;
    expect(() => small.check()).not.toThrow();
    const fixed = createReadDeadline(4 * MIB, { maxMs: 1_000 });
    fixed.inflated(60 * MIB);
    now += 1_500;
    expect(() => fixed.check()).toThrow(/past the 1\.0 s budget/);
  });
});
