import { clusterColocationPairs } from '../../core/colocation/clusterColocationPairs';
import {
  countPairsByOperatorPair,
  findColocationPairs,
  operatorPairKey,
} from '../../core/colocation/findColocationPairs';
import { computeTenancyStats } from '../../core/colocation/tenancyStats';
import type { CliCommand } from '../cliCommand';
import { loadTowerArrays } from '../loadTowerArrays';
import { requireNumberFlag } from '../readNumberFlag';
import { requireStringFlag } from '../readStringFlag';

export const colocateCommand: CliCommand = {
  name: 'colocate',
  summary: "count pairs of different operators' masts within a sharing distance (co-location analysis) as JSON",
  usage: [
    'cosite colocate --towers FILE --distance-m D [--list] [--json]',
    '',
    'Prints {"pairs": n, "pairs_by_operator_pair": {"A|B": n}, ...}: unordered pairs of masts whose OWNERS differ',
    "(a mast's operator column is its owner) and whose great-circle distance (haversine, R = 6,371,008.8 m) is at",
    'most D. A key is the two canonical owner names sorted alphabetically by JavaScript string comparison (code',
    'units: "MobiFone" < "Viettel" < "VinaPhone") joined by "|", e.g. "MobiFone|Viettel". Rejected tower rows are',
    'left out (counted in rejected_rows; see cosite validate).',
  ].join('\n'),
  flags: {
    towers: { type: 'string', valueName: 'FILE', description: 'tower table: .csv (, ; or tab) or .geojson points' },
    'distance-m': {
      type: 'string',
      valueName: 'D',
      description:
        'sharing distance in metres (>= 0): a pair counts when its haversine distance (R = 6,371,008.8 m) is <= D',
    },
    list: { type: 'boolean', description: 'also list every pair (ids, operators, distance)' },
    json: { type: 'boolean', description: 'compact one-line JSON and no summary on stderr' },
    help: { type: 'boolean', description: 'show this help' },
  },

  async run(flags, output) {
    const towersPath = requireStringFlag(flags, 'towers', 'FILE');
    const distanceM = requireNumberFlag(flags, 'distance-m', { min: 0, what: 'a number of metres' }, 'D');
    const compact = flags.json === true;
    const { arrays: towers, rejectedCount } = await loadTowerArrays(towersPath);
    const pairs = findColocationPairs({ towers, sharingDistanceM: distanceM });
    const clusters = clusterColocationPairs(pairs, towers);
    const stats = computeTenancyStats(towers);
    const inPairs = new Set<number>();
    for (let k = 0; k < pairs.count; k++) {
      inPairs.add(pairs.a[k]);
      inPairs.add(pairs.b[k]);
    }
    const report: Record<string, unknown> = {
      pairs: pairs.count,
      pairs_by_operator_pair: countPairsByOperatorPair(pairs, towers),
      distance_m: distanceM,
      masts: towers.count,
      masts_in_pairs: inPairs.size,
      clusters: clusters.length,
      largest_cluster: clusters.reduce((largest, cluster) => Math.max(largest, cluster.towerIndices.length), 0),
      tenancy_ratio: stats.tenancyRatio,
      shared_masts: stats.sharedMasts,
      shared_share: stats.sharedShare,
      rejected_rows: rejectedCount,
    };
    if (flags.list === true) {
      report.pair_list = Array.from({ length: pairs.count }, (_, k) => ({
        a: towers.ids[pairs.a[k]],
        b: towers.ids[pairs.b[k]],
        operators: operatorPairKey(
          towers.operatorNames[towers.ownerIndex[pairs.a[k]]],
          towers.operatorNames[towers.ownerIndex[pairs.b[k]]],
        ),
        distance_m: pairs.distanceM[k],
      }));
    }
    output.stdout(`${JSON.stringify(report, null, compact ? undefined : 2)}\n`);
    if (!compact) {
      output.stderr(
        `cosite colocate: ${towersPath}: ${pairs.count} pair(s) of different operators within ${distanceM} m, ` +
          `${clusters.length} cluster(s); ${rejectedCount} row(s) rejected (see cosite validate)\n`,
      );
    }
  },
};
