import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInputFile } from '../../../src/cli/readInputFile';

describe('readInputFile (the command line reads at most so much of a file: /dev/zero grew to 5.4 GB)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'cosite-input-'));

  it('reads a file up to the limit whole, across chunks', async () => {
    const bytes = new Uint8Array(9_000_000);
    for (let k = 0; k < bytes.length; k++) bytes[k] = k % 251;
    writeFileSync(join(folder, 'big.bin'), bytes);
    const read = await readInputFile(join(folder, 'big.bin'), 9_000_000);
    // Compared as buffers (an element-by-element deep equality of 9 MB takes a minute).
    expect(read.length).toBe(bytes.length);
    expect(Buffer.compare(Buffer.from(read), Buffer.from(bytes))).toBe(0);
  });

  it('refuses one byte more than the limit, naming the file', async () => {
    writeFileSync(join(folder, 'over.bin'), new Uint8Array(11));
    await expect(readInputFile(join(folder, 'over.bin'), 10)).rejects.toThrow(
      `cannot read ${join(folder, 'over.bin')}: it holds more than`,
    );
  });

  it('a device with no end is cut at the limit', async () => {
    await expect(readInputFile('/dev/zero', 5_000_000)).rejects.toThrow('cannot read /dev/zero: it holds more than');
  });

  it('names the cause of a file it cannot open', async () => {
    await expect(readInputFile(join(folder, 'none.csv'))).rejects.toThrow('no such file');
    await expect(readInputFile(folder)).rejects.toThrow('it is a directory');
  });
});
