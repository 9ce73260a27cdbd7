/**
 * National figures as a user gets them: whole processes of the built command line (`node bin/cosite.mjs ...`, built
 * JavaScript) beside a plain single-file Node script doing the same job (tests/bench/plainScripts/), timed alternately
 * in one run (medians of ROUNDS), with the figures compared. Targets (issue 13 item 2): national fixed-radius coverage
 * in at most 0.8 times the plain script's time, exact; co-location pairs within 100 m in no more than the plain
 * hash-grid script's time, the same pairs.
 * `npm run bench nationalFigures`.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ROUNDS = 9;
const TOWERS = 'data/national/towers.csv';
const POPULATION = 'data/national/population.tif';

function timeMs(args: string[]): { ms: number; stdout: string } {
  const started = performance.now();
  const stdout = execFileSync('node', args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { ms: performance.now() - started, stdout };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

interface Comparison {
  name: string;
  cli: string[];
  plain: string[];
  /** Whether the two outputs give the same answer, and what it is. */
  agree: (cliStdout: string, plainStdout: string) => { same: boolean; answer: string };
  /** The target ratio (command line / plain script). */
  target: number;
}

/** Runs each side ROUNDS times, alternating (plain first, then the command line), and prints medians and the ratio. */
function compare(comparison: Comparison): void {
  timeMs(['bin/cosite.mjs', 'pathloss', '--model', 'fspl', '--frequency-mhz', '900', '--distance-m', '1']); // builds
  const plainTimes: number[] = [];
  const cliTimes: number[] = [];
  let plainOut = '';
  let cliOut = '';
  for (let round = 0; round < ROUNDS; round++) {
    const plain = timeMs(comparison.plain);
    plainTimes.push(plain.ms);
    plainOut = plain.stdout;
    const cli = timeMs(comparison.cli);
    cliTimes.push(cli.ms);
    cliOut = cli.stdout;
  }
  const ratio = median(cliTimes) / median(plainTimes);
  const { same, answer } = comparison.agree(cliOut, plainOut);
  console.log(`${comparison.name}: whole processes, medians of ${ROUNDS} alternating runs`);
  console.log(`  plain script  ${median(plainTimes).toFixed(0).padStart(6)} ms   node ${comparison.plain.join(' ')}`);
  console.log(`  cosite        ${median(cliTimes).toFixed(0).padStart(6)} ms   node ${comparison.cli.join(' ')}`);
  console.log(
    `  ratio ${ratio.toFixed(2)} (target <= ${comparison.target}: ${ratio <= comparison.target ? 'met' : 'NOT met'}); ` +
      `same answer: ${same} (${answer})`,
  );
}

export async function run(): Promise<void> {
  compare({
    name: 'National fixed-radius coverage (87,632 masts, 1.57 M cells)',
    cli: ['bin/cosite.mjs', 'coverage', '--towers', TOWERS, '--population', POPULATION, '--json'],
    plain: ['tests/bench/plainScripts/fixedRadiusCoverage.mjs', TOWERS, POPULATION],
    agree: (cliStdout, plainStdout) => {
      const cli = JSON.parse(cliStdout);
      const plain = JSON.parse(plainStdout);
      const keys = ['population_total', 'population_covered', 'area_covered_km2', 'area_total_km2'];
      const same =
        keys.every((key) => cli[key] === plain[key]) &&
        Object.keys(plain.population_covered_by_operator).every(
          (name) => cli.population_covered_by_operator[name] === plain.population_covered_by_operator[name],
        );
      return { same, answer: `${Math.round(cli.population_covered).toLocaleString('en')} people covered` };
    },
    target: 0.8,
  });
  compare({
    name: 'National co-location pairs within 100 m (87,632 masts)',
    cli: ['bin/cosite.mjs', 'colocate', '--towers', TOWERS, '--distance-m', '100', '--json'],
    plain: ['tests/bench/plainScripts/colocationPairs.mjs', TOWERS, '100'],
    agree: (cliStdout, plainStdout) => {
      const cli = JSON.parse(cliStdout);
      const plain = JSON.parse(plainStdout);
      const same =
        cli.pairs === plain.pairs &&
        JSON.stringify(cli.pairs_by_operator_pair) === JSON.stringify(plain.pairs_by_operator_pair);
      return { same, answer: `${cli.pairs.toLocaleString('en')} pairs` };
    },
    target: 1,
  });
}
