import type { Highs } from 'highs';
import highsWasmUrl from 'highs/runtime?url';

let highsRuntime: Promise<Highs> | null = null;

/** HiGHS (WebAssembly), loaded once per worker, only when the exact solver is asked for. */
export function loadHighs(): Promise<Highs> {
  highsRuntime ??= import('highs').then((module) => module.default({ locateFile: () => highsWasmUrl }));
  return highsRuntime;
}
