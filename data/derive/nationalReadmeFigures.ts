import type { NationalManifest } from './nationalDataset';

const BEGIN = '<!-- national-figures:begin (written by data/derive.ts from national/manifest.json) -->';
const END = '<!-- national-figures:end -->';

/** Thousands with commas, independent of the runtime's locale data. */
const integer = (value: number) => String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`;
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

function figuresMarkdown(m: NationalManifest): string {
  const t = m.towers;
  const list = (counts: Record<string, number>, whole: number) =>
    Object.entries(counts)
      .map(([key, count]) => `${key} ${integer(count)} (${percent(count, whole)})`)
      .join(', ');
  const perProvince = m.provinces.map((p) => p.people_per_mast);
  const largest = [...m.provinces].sort((a, b) => b.masts - a.masts)[0];
  const smallest = [...m.provinces].sort((a, b) => a.masts - b.masts)[0];
  const zones = Object.entries(t.five_g_by_zone)
    .map(([zone, z]) => `${zone} ${integer(z.with_5g)} of ${integer(z.masts)} (${(100 * z.share).toFixed(1)}%)`)
    .join(', ');
  const rows = [
    [
      'Population grid',
      `${m.population.width} x ${m.population.height} cells; total ${integer(m.population.total)}, of which ` +
        `${integer(m.population.inside_provinces)} in cells whose centre is inside a province and ` +
        `${integer(m.population.outside_provinces)} outside (coast, rivers); ` +
        `${m.population.province_overlap_cells} cells claimed by two provinces`,
    ],
    [
      'Synthetic masts',
      `${integer(t.count)} (one per ${integer(t.people_per_mast)} people; per province ` +
        `${Math.min(...perProvince)}-${Math.max(...perProvince)}); most ${largest.code} ${largest.name} ` +
        `${integer(largest.masts)}, fewest ${smallest.code} ${smallest.name} ${integer(smallest.masts)}`,
    ],
    ['Owners', list(t.by_operator, t.count)],
    ['Mast classes', list(t.by_mast_type, t.count)],
    ['Placement', list(t.by_placement, t.count)],
    ['Shared masts (2-3 tenants)', `${integer(t.shared_masts)} (${percent(t.shared_masts, t.count)})`],
    ['Masts with 4G', `${integer(t.masts_with_4g)} (${percent(t.masts_with_4g, t.count)})`],
    ['Masts with 5G', `${integer(t.masts_with_5g)} (${percent(t.masts_with_5g, t.count)}): ${zones}`],
    ['5G tenancies', list(t.five_g_tenancies_by_operator, t.masts_with_5g)],
    [
      'Backbone',
      `${m.backbone.features} features: roads ${m.backbone.km_by_kind.road} km, rail ${m.backbone.km_by_kind.rail} km ` +
        `(source ${m.backbone.source_km_by_kind.road} / ${m.backbone.source_km_by_kind.rail} km); ` +
        `${integer(m.backbone.vertices)} of ${integer(m.backbone.source_vertices)} vertices kept`,
    ],
    [
      'Files',
      Object.entries(m.files)
        .map(([name, bytes]) => `${name} ${megabytes(bytes)}`)
        .join(', '),
    ],
  ];
  return rows.map(([name, value]) => `- ${name}: ${value}`).join('\n');
}

/** The README with the text between the national figures markers replaced by the manifest's figures. */
export function readmeWithNationalFigures(readme: string, manifest: NationalManifest): string {
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`data/README.md lacks the markers ${BEGIN} ... ${END}`);
  return `${readme.slice(0, begin + BEGIN.length)}\n${figuresMarkdown(manifest)}\n${readme.slice(end)}`;
}
