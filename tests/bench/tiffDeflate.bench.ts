/**
 * Deflate GeoTIFF blocks (issue 13 item 2: "in the browser, compare fflate with DecompressionStream"): the readers'
 * decoder (inflateTiffBlock: pako's streaming inflater, bounded to the block's pixels) beside geotiff.js's own (pako,
 * whole streams), fflate, the platform's DecompressionStream (read until the block's bytes are out) and, in Node,
 * node:zlib, on the same blocks in Node and in headless Chromium. The blocks are real rasters of the repository (the
 * national WorldPop grid, Float32; the Đà Nẵng 1″ SRTM DEM, Int16) cut into GDAL's usual strips (8 KB) and into
 * 256 KB blocks (a 256 x 256 Float32 tile), each deflated by node:zlib at level 6; every decoder's output is checked
 * against the original bytes. Medians of 7 passes over all blocks. `npm run bench tiffDeflate`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync, inflateSync } from 'node:zlib';
import { build } from 'esbuild';
import { unzlibSync } from 'fflate';
import { fromArrayBuffer } from 'geotiff';
import { inflate } from 'pako';
import { inflateTiffBlock } from '../../src/core/io/inflateTiffBlock';
import { launchBrowser } from '../e2e/launchBrowser';
import { median } from './fixedRadiusCoverage.bench';

const root = fileURLToPath(new URL('../../', import.meta.url));
const PASSES = 7;
const RASTERS = ['data/national/population.tif', 'data/demo/terrain-danang-1arcsec.tif'];
const BLOCK_BYTES = [8_192, 262_144];

interface BlockCase {
  name: string;
  raw: Uint8Array[];
  deflated: Uint8Array[];
}

async function pixelBytes(path: string): Promise<Uint8Array> {
  const file = readFileSync(join(root, path));
  const image = await (
    await fromArrayBuffer(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer)
  ).getImage();
  const band = (await image.readRasters({ samples: [0], interleave: true })) as unknown as ArrayBufferView;
  return new Uint8Array(band.buffer, band.byteOffset, band.byteLength);
}

async function blockCases(): Promise<BlockCase[]> {
  const cases: BlockCase[] = [];
  for (const path of RASTERS) {
    const bytes = await pixelBytes(path);
    for (const blockBytes of BLOCK_BYTES) {
      const raw: Uint8Array[] = [];
      for (let at = 0; at < bytes.length; at += blockBytes) raw.push(bytes.slice(at, at + blockBytes));
      const deflated = raw.map((block) => new Uint8Array(deflateSync(block, { level: 6 })));
      const mb = (bytes.length / 1e6).toFixed(1);
      cases.push({
        name: `${path.split('/').pop()} (${mb} MB) in ${raw.length} blocks of ${blockBytes} B`,
        raw,
        deflated,
      });
    }
  }
  return cases;
}

type Decoder = (block: Uint8Array, expectedBytes: number) => Uint8Array | Promise<Uint8Array>;

/** DecompressionStream('deflate') read until the block's bytes are out (then cancelled): bounded as ours is. */
async function decompressionStream(block: Uint8Array, expectedBytes: number): Promise<Uint8Array> {
  const reader = new Blob([block as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('deflate'))
    .getReader();
  const out = new Uint8Array(expectedBytes);
  let length = 0;
  while (length < expectedBytes) {
    const { value, done } = await reader.read();
    if (done) break;
    const take = Math.min(value.length, expectedBytes - length);
    out.set(value.subarray(0, take), length);
    length += take;
  }
  await reader.cancel().catch(() => {});
  return out.subarray(0, length);
}

const same = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

async function timeNode(c: BlockCase, decode: Decoder): Promise<{ ms: number; exact: boolean }> {
  const times: number[] = [];
  let exact = true;
  for (let pass = 0; pass < PASSES; pass++) {
    const started = performance.now();
    for (let k = 0; k < c.deflated.length; k++) {
      const out = await decode(c.deflated[k], c.raw[k].length);
      if (pass === 0) exact &&= same(out, c.raw[k]);
    }
    times.push(performance.now() - started);
  }
  return { ms: median(times), exact };
}

const NODE_DECODERS: [string, Decoder][] = [
  ['ours (inflateTiffBlock)', inflateTiffBlock],
  ["geotiff.js's own (pako.inflate)", (block) => inflate(block)],
  ['fflate (unzlibSync)', (block) => unzlibSync(block)],
  ['DecompressionStream', decompressionStream],
  ['node:zlib (inflateSync)', (block) => new Uint8Array(inflateSync(block))],
];

/** The page's decoders, bundled from the same modules the app ships (pako, fflate, inflateTiffBlock). */
const PAGE_SOURCE = `
import { inflate } from 'pako';
import { unzlibSync } from 'fflate';
import { inflateTiffBlock } from './src/core/io/inflateTiffBlock';
${decompressionStream.toString()}
const decoders = {
  'ours (inflateTiffBlock)': inflateTiffBlock,
  "geotiff.js's own (pako.inflate)": (block) => inflate(block),
  'fflate (unzlibSync)': (block) => unzlibSync(block),
  DecompressionStream: decompressionStream,
};
globalThis.timeDecoders = async (blocks, sizes, checks, passes) => {
  const results = {};
  for (const [name, decode] of Object.entries(decoders)) {
    const times = [];
    let exact = true;
    for (let pass = 0; pass < passes; pass++) {
      const started = performance.now();
      for (let k = 0; k < blocks.length; k++) {
        const out = await decode(blocks[k], sizes[k]);
        if (pass === 0) {
          let hash = 0;
          for (let i = 0; i < out.length; i++) hash = (Math.imul(hash, 31) + out[i]) | 0;
          exact &&= out.length === sizes[k] && hash === checks[k];
        }
      }
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    results[name] = { ms: times[Math.floor(times.length / 2)], exact };
  }
  return results;
};
`;

function hashOf(bytes: Uint8Array): number {
  let hash = 0;
  for (let i = 0; i < bytes.length; i++) hash = (Math.imul(hash, 31) + bytes[i]) | 0;
  return hash;
}

export async function run(): Promise<void> {
  const cases = await blockCases();
  const bundle = await build({
    stdin: { contents: PAGE_SOURCE, resolveDir: root, loader: 'ts' },
    bundle: true,
    format: 'iife',
    write: false,
    logLevel: 'warning',
  });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    console.log(`Deflate blocks, medians of ${PASSES} passes over all blocks (ms; "exact": every block's bytes match)`);
    for (const c of cases) {
      console.log(`\n  ${c.name}, ${(c.deflated.reduce((sum, b) => sum + b.length, 0) / 1e6).toFixed(2)} MB deflated`);
      const node: Record<string, { ms: number; exact: boolean }> = {};
      for (const [name, decode] of NODE_DECODERS) node[name] = await timeNode(c, decode);
      const inPage = (await page.evaluate(
        async ({ blocks, sizes, checks, passes }) =>
          (globalThis as unknown as { timeDecoders: (...args: unknown[]) => Promise<unknown> }).timeDecoders(
            blocks.map((block) => Uint8Array.from(block)),
            sizes,
            checks,
            passes,
          ),
        {
          blocks: c.deflated.map((block) => Array.from(block)),
          sizes: c.raw.map((block) => block.length),
          checks: c.raw.map(hashOf),
          passes: PASSES,
        },
      )) as Record<string, { ms: number; exact: boolean }>;
      const ours = { node: node['ours (inflateTiffBlock)'].ms, page: inPage['ours (inflateTiffBlock)'].ms };
      for (const [name] of NODE_DECODERS) {
        const n = node[name];
        const p = inPage[name];
        const cell = (r: { ms: number; exact: boolean } | undefined, base: number) =>
          r
            ? `${r.ms.toFixed(1).padStart(7)} ms (${(r.ms / base).toFixed(2)}x ours)${r.exact ? '' : ' NOT EXACT'}`
            : '      not in a browser';
        console.log(`    ${name.padEnd(32)} Node ${cell(n, ours.node)}   Chromium ${cell(p, ours.page)}`);
      }
    }
  } finally {
    await browser.close();
  }
}
