/**
 * Importing large tower tables: the core's sliced reader (readTowerFile on bytes: 4 MB slices decoded and parsed in
 * turn, yielding to the event loop between them) beside the plain way (decode the whole file to one string, then
 * papaparse with header: true into one object per row). Seeded CSVs of 100,000 and 1,000,000 rows (~10 and ~100 MB,
 * Vietnamese addresses in UTF-8). Memory is sampled every 20 ms: the V8 heap's peak above the baseline taken before
 * each run (the input bytes are already in memory, as in a worker that received the file), and the process RSS
 * before and at peak (RSS is not given back between runs, so only the heap figure compares runs). The longest
 * event-loop stall shows whether a worker stays responsive to cancel messages.
 */
import Papa from 'papaparse';
import { readTowerFile } from '../../src/core/io/readTowerFile';
import { seededRandom } from '../../src/core/util/seededRandom';

const OPERATORS = ['Viettel', 'VinaPhone', 'MobiFone', 'Vietnamobile', '452-04', 'VNPT'];
const MAST_TYPES = ['A1', 'A2a', 'A2b', 'A2c', ''];

function makeCsv(rows: number): Uint8Array {
  const next = seededRandom(rows); // the same rows on every run
  const lines = ['site_id,operator,lon,lat,height_m,radius_m,mast_type,tenants,azimuth_deg,dia_chi'];
  const streets = ['Nguyễn Văn Linh', 'Lê Duẩn', 'Trần Phú', 'Điện Biên Phủ', 'Hùng Vương', 'Võ Nguyên Giáp'];
  for (let i = 0; i < rows; i++) {
    const operator = OPERATORS[Math.floor(next() * OPERATORS.length)];
    const shared = next() < 0.2 ? `"${operator};MobiFone"` : '';
    lines.push(
      `VN-${String(i).padStart(7, '0')},${operator},${(102.2 + next() * 7.2).toFixed(6)},${(8.6 + next() * 14.7).toFixed(6)},` +
        `${(15 + next() * 45).toFixed(1)},${Math.round(500 + next() * 2500)},${MAST_TYPES[Math.floor(next() * 5)]},${shared},0/120/240,` +
        `"${Math.floor(next() * 500)} ${streets[Math.floor(next() * streets.length)]}, phường ${Math.floor(next() * 30)}"`,
    );
  }
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

interface Measure {
  ms: number;
  baseRssMb: number;
  peakRssMb: number;
  peakHeapMb: number;
  longestStallMs: number;
  count: number;
}

async function measure(work: () => Promise<number>): Promise<Measure> {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  let last = performance.now();
  let longestStall = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestStall = Math.max(longestStall, now - last - 20);
    last = now;
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 20);
  const start = performance.now();
  const count = await work();
  const ms = performance.now() - start;
  const usage = process.memoryUsage();
  peakRss = Math.max(peakRss, usage.rss);
  peakHeap = Math.max(peakHeap, usage.heapUsed);
  clearInterval(timer);
  const now = performance.now();
  longestStall = Math.max(longestStall, now - last - 20);
  return {
    ms,
    baseRssMb: base.rss / 2 ** 20,
    peakRssMb: peakRss / 2 ** 20,
    peakHeapMb: (peakHeap - base.heapUsed) / 2 ** 20,
    longestStallMs: longestStall,
    count,
  };
}

const format = (m: Measure) =>
  `${(m.ms / 1000).toFixed(2)} s, heap +${m.peakHeapMb.toFixed(0)} MB at peak, process RSS ${m.baseRssMb.toFixed(0)} -> ` +
  `${m.peakRssMb.toFixed(0)} MB, ` +
  `longest stall ${m.longestStallMs.toFixed(0)} ms, ${m.count.toLocaleString('en')} rows`;

export async function run(): Promise<void> {
  for (const rows of [100_000, 1_000_000]) {
    const bytes = makeCsv(rows);
    console.log(`\n${rows.toLocaleString('en')} rows, ${(bytes.length / 2 ** 20).toFixed(1)} MB CSV`);
    const core = await measure(async () => {
      const result = await readTowerFile(bytes, 'towers.csv');
      if (result.rejected.length > 0) throw new Error(`unexpected rejections: ${result.rejected[0].reason}`);
      return result.towers.length;
    });
    console.log(`  CoSite readTowerFile (sliced, validated Tower objects): ${format(core)}`);
    const peer = await measure(async () => {
      const text = new TextDecoder().decode(bytes);
      const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
      return parsed.data.length;
    });
    console.log(`  plain papaparse (whole string, header: true, no checks): ${format(peer)}`);
    console.log(
      `  agreement: ${core.count === peer.count ? 'same row count' : `DIFFERENT (${core.count} vs ${peer.count})`}`,
    );
  }
}
