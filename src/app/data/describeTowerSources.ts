import type { Tower } from '../../core/model/tower';
import { formatNumber, type Language, translate } from '../i18n/strings';
import type { ProvinceDataset } from './provinceDataset';
import { summarizeTowerSources } from './replaceTowers';

/**
 * Where the masts on screen come from, for the banner, the legend, the attribution and the report: the synthetic demo
 * masts say so; imported ones are named by file, with their counts.
 */
export function describeTowerSources(dataset: ProvinceDataset, language: Language): string {
  if (dataset.towersAreSynthetic) return translate(language, 'synthetic');
  const kinds: Record<string, string> = {
    synthetic: translate(language, 'sourceSynthetic'),
    file: translate(language, 'sourceFile'),
    server: translate(language, 'sourceServer'),
  };
  const sources = summarizeTowerSources(dataset.towers);
  const list = sources
    .map((entry) => `${entry.name} (${kinds[entry.kind] ?? entry.kind}): ${formatNumber(language, entry.count)}`)
    .join(' · ');
  const syntheticLeft = sources.some((entry) => entry.kind === 'synthetic');
  return `${translate(language, 'sourcesTitle')}: ${list}.${syntheticLeft ? ` ${translate(language, 'syntheticRemain')}` : ''}`;
}

/** One mast's source in a line: "operator_list.csv, 2026-12-06, vietnamobile" or "synthetic (demo)". */
export function describeTowerSource(tower: Tower, language: Language): string {
  const source = tower.source;
  if (!source) return '—';
  if (source.kind === 'synthetic') return `${source.name} (${translate(language, 'sourceSynthetic')})`;
  return [source.name, source.importedAt?.slice(0, 10), source.importedBy].filter(Boolean).join(', ');
}
