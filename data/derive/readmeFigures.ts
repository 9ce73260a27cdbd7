/** The figures of manifest.json that data/README.md quotes. */
export interface ManifestFigures {
  seed: number;
  population_total: number;
  population_cells: number;
  window: { width: number; height: number; origin_lon: number; origin_lat: number; cell_size_lon: number };
  towers: {
    count: number;
    people_per_mast: number;
    by_operator: Record<string, number>;
    by_mast_type: Record<string, number>;
    by_placement: Record<string, number>;
    shared_masts: number;
    different_operator_pairs_within_100m: number;
    masts_with_different_operator_within_100m: number;
  };
  coverage_gap: {
    distance_m: number;
    cells: number;
    population: number;
    share_of_population: number;
    population_west_of_lon: { lon: number; population: number };
  };
  backbone: { features: number; km_by_kind: { road: number; rail: number } };
  communes: { count: number; population_2009: number };
  provinces_34: { features: number; rings: number; rings_kept_unsimplified: number };
}

const BEGIN = '<!-- figures:begin (written by data/derive.ts from demo/manifest.json) -->';
const END = '<!-- figures:end -->';

/** Thousands with commas, independent of the runtime's locale data. */
const integer = (value: number) => String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`;

function figuresMarkdown(m: ManifestFigures): string {
  const t = m.towers;
  const list = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([key, count]) => `${key} ${integer(count)} (${percent(count, t.count)})`)
      .join(', ');
  const rows = [
    ['Population (WorldPop 2020, cell centre in VN25)', `${integer(m.population_total)} (${m.population_total})`],
    [
      'Population grid window',
      `${m.window.width} x ${m.window.height} cells of ${m.window.cell_size_lon}°, origin ` +
        `${m.window.origin_lon}°E ${m.window.origin_lat}°N; ${integer(m.population_cells)} cells with data`,
    ],
    ['Synthetic masts', `${integer(t.count)} (one per ${integer(t.people_per_mast)} people), seed ${m.seed}`],
    ['Owners', list(t.by_operator)],
    ['Mast classes', list(t.by_mast_type)],
    ['Placement', list(t.by_placement)],
    ['Shared masts (2-3 tenants)', `${integer(t.shared_masts)} (${percent(t.shared_masts, t.count)})`],
    [
      'Different-operator pairs within 100 m',
      `${t.different_operator_pairs_within_100m} pairs, ${t.masts_with_different_operator_within_100m} masts ` +
        `(${percent(t.masts_with_different_operator_within_100m, t.count)})`,
    ],
    [
      `Coverage gap: populated cells > ${m.coverage_gap.distance_m / 1000} km from any mast`,
      `${integer(m.coverage_gap.cells)} cells, ${integer(m.coverage_gap.population)} people ` +
        `(${(100 * m.coverage_gap.share_of_population).toFixed(1)}%), of which ` +
        `${integer(m.coverage_gap.population_west_of_lon.population)} west of ${m.coverage_gap.population_west_of_lon.lon}°E`,
    ],
    [
      'Backbone inside VN25',
      `${m.backbone.features} features: roads ${m.backbone.km_by_kind.road} km, rail ${m.backbone.km_by_kind.rail} km`,
    ],
    ['Communes (2009 census borders)', `${m.communes.count}, 2009 population ${integer(m.communes.population_2009)}`],
    [
      'Provinces (34)',
      `${m.provinces_34.features} features, ${integer(m.provinces_34.rings)} rings, ` +
        `${integer(m.provinces_34.rings_kept_unsimplified)} tiny rings kept unsimplified`,
    ],
  ];
  return rows.map(([name, value]) => `- ${name}: ${value}`).join('\n');
}

/** The README with the text between the figures markers replaced by the manifest's figures. */
export function readmeWithFigures(readme: string, manifest: ManifestFigures): string {
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`data/README.md lacks the markers ${BEGIN} ... ${END}`);
  return `${readme.slice(0, begin + BEGIN.length)}\n${figuresMarkdown(manifest)}\n${readme.slice(end)}`;
}
