import type { Highs, HighsCallbackMap } from 'highs';
import { type CoverProblem, type CoverSolution, costOf, maxCostOf, maxSitesOf } from './coverProblem';
import { evaluateCover } from './coverSets';

export interface ExactOptions {
  /** A loaded HiGHS runtime; when absent the `highs` package's default loader runs once (Node, or a module worker). */
  highs?: Highs;
  /** Wall-clock limit for HiGHS, seconds (default 60). */
  timeLimitSeconds?: number;
  /** HiGHS mip_rel_gap: stop when (bound - incumbent) / incumbent is at most this (default 0: prove optimality). */
  relativeGap?: number;
  /** A feasible solution to start from (the heuristic's): HiGHS then never returns anything worse. */
  warmStart?: readonly number[];
  /**
   * HiGHS runs synchronously, so an AbortSignal cannot reach it. In a worker, pass an Int32Array over a
   * SharedArrayBuffer: setting element 0 to non-zero (Atomics.store) from another thread interrupts the solve, which
   * then returns its incumbent and bound. (Otherwise terminating the worker is the way to stop it.)
   */
  interruptFlag?: Int32Array;
  /** Called from HiGHS's MIP log callback: incumbent value, proven bound, relative gap, seconds. */
  onProgress?: (progress: { incumbent: number; bound: number; gap: number; seconds: number }) => void;
}

export interface ExactResult extends CoverSolution {
  /** 'optimal': proven within relativeGap; otherwise why HiGHS stopped. */
  status: 'optimal' | 'time_limit' | 'interrupted' | 'other';
  /** HiGHS's model status code (highs.constants.modelStatus). */
  highsStatus: number;
  /** The MIP dual bound from HiGHS: no feasible solution is worth more (within its tolerances). */
  upperBound: number;
  seconds: number;
  /** Branch-and-bound nodes HiGHS explored. */
  nodes: number;
  /** Size of the model handed to HiGHS. */
  columns: number;
  rows: number;
}

let defaultHighs: Promise<Highs> | null = null;

/** The `highs` package's runtime, loaded once per thread. */
export function loadDefaultHighs(): Promise<Highs> {
  defaultHighs ??= import('highs').then((module) => module.default());
  return defaultHighs;
}

/**
 * The maximal covering model as a mixed-integer program for HiGHS, written in CPLEX LP format:
 *   maximise   sum_i w_i x_i
 *   subject to x_i - sum_{j covers i} y_j <= 0     for every item covered by two or more candidates
 *              sum_j y_j <= P,  sum_j cost_j y_j <= B,  y_a + y_b <= 1 for conflicting pairs
 *              0 <= x_i <= 1, y_j binary.
 * Items covered by a single candidate j are folded into y_j's objective coefficient (x_i = y_j at the optimum), and
 * candidates covering nothing are left out. Integer variables get integral bounds (STACK.md: fractional bounds on
 * integers misbehave under presolve). The objective of the returned choice is recomputed from the cover sets.
 */
export async function solveExactHighs(problem: CoverProblem, options: ExactOptions = {}): Promise<ExactResult> {
  const highs = options.highs ?? (await loadDefaultHighs());
  const { cover } = problem;
  const { text, yColumns, xItems } = writeLpModel(problem);
  const started = performance.now();
  const model = highs.createModel({ format: 'lp', data: text });
  try {
    model.options.set({
      output_flag: false,
      time_limit: options.timeLimitSeconds ?? 60,
      mip_rel_gap: options.relativeGap ?? 0,
    });
    const dimensions = model.getDimensions();
    const columnOfName = new Map<string, number>();
    for (let c = 0; c < dimensions.numCols; c++) columnOfName.set(model.getColName(c), c);

    if (options.warmStart && options.warmStart.length > 0) {
      const chosen = new Set(options.warmStart);
      const start = new Float64Array(dimensions.numCols);
      for (const j of chosen) {
        const column = columnOfName.get(`y${j}`);
        if (column !== undefined) start[column] = 1;
      }
      for (const item of xItems) {
        let isCovered = false;
        for (let k = cover.itemStarts[item]; k < cover.itemStarts[item + 1] && !isCovered; k++) {
          isCovered = chosen.has(cover.itemCandidates[k]);
        }
        const column = columnOfName.get(`x${item}`);
        if (column !== undefined && isCovered) start[column] = 1;
      }
      model.setSolution({ colValue: start });
    }

    const { interruptFlag, onProgress } = options;
    const callbacks: HighsCallbackMap =
      interruptFlag || onProgress
        ? {
            [highs.constants.callbackType.mipInterrupt]: (event) => {
              if (interruptFlag && Atomics.load(interruptFlag, 0) !== 0) event.interrupt();
              onProgress?.({
                incumbent: event.data.mip_primal_bound ?? Number.NaN,
                bound: event.data.mip_dual_bound ?? Number.NaN,
                gap: event.data.mip_gap ?? Number.NaN,
                seconds: event.data.running_time ?? 0,
              });
              return undefined;
            },
          }
        : {};
    const run = model.run(callbacks);
    const seconds = (performance.now() - started) / 1000;
    const statusCodes = highs.constants.modelStatus;
    const status: ExactResult['status'] =
      run.modelStatus === statusCodes.optimal
        ? 'optimal'
        : run.modelStatus === statusCodes.timeLimit
          ? 'time_limit'
          : run.modelStatus === statusCodes.interrupted
            ? 'interrupted'
            : 'other';

    let selected: number[] = [];
    const primalStatus = Number(model.info.get('primal_solution_status'));
    if (primalStatus === 2) {
      const values = model.getSolution().colValue;
      selected = yColumns.filter((j) => {
        const column = columnOfName.get(`y${j}`);
        return column !== undefined && values[column] > 0.5;
      });
    } else if (options.warmStart) {
      selected = [...options.warmStart];
    }
    const objective = evaluateCover(cover, selected);
    let upperBound = Number(model.info.get('mip_dual_bound'));
    if (!Number.isFinite(upperBound)) upperBound = Number.POSITIVE_INFINITY;
    if (status === 'optimal' && dimensions.numCols === 0) upperBound = 0;
    let costUsd = 0;
    for (const j of selected) costUsd += costOf(problem, j);
    return {
      selected,
      objective,
      costUsd,
      status,
      highsStatus: run.modelStatus,
      // The bound HiGHS proves is on its own objective, the same function; never below what was found.
      upperBound: Math.max(upperBound, objective),
      seconds,
      nodes: nodeCount(model),
      columns: dimensions.numCols,
      rows: dimensions.numRows,
    };
  } finally {
    model.dispose();
  }
}

function nodeCount(model: { info: { get(name: string): unknown } }): number {
  try {
    // -1 when presolve alone solved the model: no node was explored.
    return Math.max(0, Number(model.info.get('mip_node_count')));
  } catch {
    return 0;
  }
}

/** Numbers in LP text: shortest round-trip decimal form. */
function lpNumber(value: number): string {
  return String(value);
}

/** Terms written a few per line: LP readers are line-oriented and some cap line lengths. */
function writeTerms(out: string[], terms: string[]): void {
  for (let t = 0; t < terms.length; t += 8) out.push(` ${terms.slice(t, t + 8).join(' ')}`);
}

export function writeLpModel(problem: CoverProblem): { text: string; yColumns: number[]; xItems: number[] } {
  const { cover } = problem;
  const foldedWeight = new Float64Array(cover.candidateCount);
  const xItems: number[] = [];
  for (let i = 0; i < cover.itemCount; i++) {
    if (!(cover.itemWeight[i] > 0)) continue;
    const degree = cover.itemStarts[i + 1] - cover.itemStarts[i];
    if (degree === 1) foldedWeight[cover.itemCandidates[cover.itemStarts[i]]] += cover.itemWeight[i];
    else if (degree > 1) xItems.push(i);
  }
  const useful = new Uint8Array(cover.candidateCount);
  for (let j = 0; j < cover.candidateCount; j++) if (foldedWeight[j] > 0) useful[j] = 1;
  for (const i of xItems)
    for (let k = cover.itemStarts[i]; k < cover.itemStarts[i + 1]; k++) useful[cover.itemCandidates[k]] = 1;
  const yColumns: number[] = [];
  for (let j = 0; j < cover.candidateCount; j++) if (useful[j]) yColumns.push(j);

  const lines: string[] = ['\\ CoSite maximal covering model', 'Maximize'];
  const objective: string[] = ['obj:'];
  for (const j of yColumns) objective.push(`+ ${lpNumber(foldedWeight[j])} y${j}`);
  for (const i of xItems) objective.push(`+ ${lpNumber(cover.itemWeight[i])} x${i}`);
  if (objective.length === 1) objective.push('0 dummy');
  writeTerms(lines, objective);
  lines.push('Subject To');
  for (const i of xItems) {
    const terms = [`c${i}:`, `x${i}`];
    for (let k = cover.itemStarts[i]; k < cover.itemStarts[i + 1]; k++) terms.push(`- y${cover.itemCandidates[k]}`);
    terms.push('<= 0');
    writeTerms(lines, terms);
  }
  const maxSites = maxSitesOf(problem);
  if (maxSites < yColumns.length && yColumns.length > 0) {
    writeTerms(lines, ['sites:', ...yColumns.map((j, t) => `${t === 0 ? '' : '+ '}y${j}`), `<= ${maxSites}`]);
  }
  const maxCost = maxCostOf(problem);
  if (Number.isFinite(maxCost) && yColumns.length > 0) {
    writeTerms(lines, [
      'money:',
      ...yColumns.map((j, t) => `${t === 0 ? '' : '+ '}${lpNumber(costOf(problem, j))} y${j}`),
      `<= ${lpNumber(maxCost)}`,
    ]);
  }
  if (problem.conflicts) {
    const { starts, neighbours } = problem.conflicts;
    for (const a of yColumns) {
      for (let k = starts[a]; k < starts[a + 1]; k++) {
        const b = neighbours[k];
        if (b > a && useful[b]) lines.push(` k${a}_${b}: y${a} + y${b} <= 1`);
      }
    }
  }
  if (lines[lines.length - 1] === 'Subject To' && objective[1] === '0 dummy') lines.push(' none: dummy <= 0');
  lines.push('Bounds');
  for (const i of xItems) lines.push(` 0 <= x${i} <= 1`);
  if (yColumns.length > 0) {
    lines.push('Binaries');
    for (let t = 0; t < yColumns.length; t += 16)
      lines.push(
        ` ${yColumns
          .slice(t, t + 16)
          .map((j) => `y${j}`)
          .join(' ')}`,
      );
  }
  lines.push('End', '');
  return { text: lines.join('\n'), yColumns, xItems };
}
