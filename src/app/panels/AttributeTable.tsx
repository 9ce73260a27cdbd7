import { useEffect, useRef, useState } from 'react';
import { TOWER_COLUMNS, type TowerColumn, towerCellValue } from '../../core/model/towerTableIndex';
import { getAnalysisPool } from '../analysisPool';
import type { ProvinceDataset } from '../data/provinceDataset';
import { ensureResident } from '../data/residentDataset';
import { formatNumber, type StringKey } from '../i18n/strings';
import { useT } from '../i18n/useT';
import { useMapController } from '../map/MapControllerContext';
import { selectTower, useAppStore } from '../store/appStore';

const ROW_HEIGHT_PX = 24;
const COLUMN_LABELS: Record<TowerColumn, StringKey> = {
  id: 'id',
  operator: 'owner',
  tenants: 'tenants',
  mastType: 'mastType',
  heightM: 'heightM',
  radiusM: 'radiusM',
  lon: 'longitude',
  lat: 'latitude',
};

const NO_ROWS = new Uint32Array(0);

/**
 * The towers as a sortable, filterable table. Selecting a row selects the mast on the map and zooms to it; clicking a
 * mast on the map selects and scrolls to its row. Only the visible rows are rendered, and the filter and sort run in
 * a worker that keeps each tower's folded text and each column's order (TowerTableIndex): with 100,000 masts a
 * keystroke costs the page a typed array of row indices. A newer query's rows always win over an older one's.
 */
export function AttributeTable({ dataset }: { dataset: ProvinceDataset }) {
  const t = useT();
  const mapController = useMapController();
  const language = useAppStore((state) => state.language);
  const selected = useAppStore((state) => state.selectedTowerIndex);
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<{ column: TowerColumn; descending: boolean }>({ column: 'id', descending: false });
  const [scrollTop, setScrollTop] = useState(0);
  const bodyRef = useRef<HTMLDivElement>(null);
  const [result, setResult] = useState<{ dataset: ProvinceDataset; rows: Uint32Array } | null>(null);
  const latestQuery = useRef(0);
  useEffect(() => {
    const query = ++latestQuery.current;
    getAnalysisPool()
      .run(async (api) => api.towerTableRows(await ensureResident(api, dataset), filter, sort.column, sort.descending))
      .then(
        (rows) => {
          if (query === latestQuery.current) setResult({ dataset, rows });
        },
        () => {},
      );
  }, [dataset, filter, sort]);
  // Until the worker answers for this dataset, no rows (a row of another dataset would name the wrong mast).
  const loading = result?.dataset !== dataset;
  const rows = result && !loading ? result.rows : NO_ROWS;

  useEffect(() => {
    if (selected === null || !bodyRef.current) return;
    const position = rows.indexOf(selected);
    if (position < 0) return;
    const body = bodyRef.current;
    const top = position * ROW_HEIGHT_PX;
    if (top < body.scrollTop || top > body.scrollTop + body.clientHeight - ROW_HEIGHT_PX) {
      body.scrollTop = Math.max(0, top - body.clientHeight / 2);
    }
  }, [selected, rows]);

  const viewportRows = 14;
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT_PX) - 5);
  const visible = Array.from(rows.subarray(first, first + viewportRows + 10));
  const format = (column: TowerColumn, value: string | number | null) =>
    value === null || value === ''
      ? '—'
      : typeof value === 'number'
        ? formatNumber(language, value, column === 'lon' || column === 'lat' ? 5 : column === 'heightM' ? 1 : 0)
        : value;

  const zoomToRows = (indices: ArrayLike<number>) => {
    const { lon, lat } = dataset.towerArrays;
    mapController?.fitPoints(Array.from(indices, (index) => [lon[index], lat[index]] as [number, number]));
  };

  return (
    <section className="attribute-table" aria-label={t('attributeTable')} data-testid="attribute-table">
      <div className="table-tools">
        <strong>
          {t('layerTowers')} ({t('syntheticShort')})
        </strong>
        <input
          type="search"
          placeholder={t('filter')}
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          data-testid="table-filter"
        />
        <span data-testid="table-row-count" aria-busy={loading}>
          {loading ? '…' : formatNumber(language, rows.length)} / {formatNumber(language, dataset.towers.length)}
        </span>
        <button type="button" onClick={() => zoomToRows(rows)} disabled={rows.length === 0}>
          {t('zoomToRows')}
        </button>
        <button
          type="button"
          onClick={() => selected !== null && zoomToRows([selected])}
          disabled={selected === null}
          data-testid="zoom-to-selection"
        >
          {t('zoomToSelection')}
        </button>
      </div>
      <div className="table-head">
        {TOWER_COLUMNS.map((column) => (
          <button
            key={column}
            type="button"
            className={`cell col-${column}`}
            onClick={() =>
              setSort((current) => ({
                column,
                descending: current.column === column ? !current.descending : false,
              }))
            }
            data-testid={`sort-${column}`}
          >
            {t(COLUMN_LABELS[column])}
            {sort.column === column ? (sort.descending ? ' ▼' : ' ▲') : ''}
          </button>
        ))}
      </div>
      <div className="table-body" ref={bodyRef} onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}>
        <div style={{ height: rows.length * ROW_HEIGHT_PX, position: 'relative' }}>
          {visible.map((index, offset) => {
            const tower = dataset.towers[index];
            return (
              <button
                type="button"
                key={index}
                aria-pressed={index === selected}
                className={index === selected ? 'table-row selected' : 'table-row'}
                style={{ top: (first + offset) * ROW_HEIGHT_PX, height: ROW_HEIGHT_PX }}
                onClick={() => {
                  selectTower(index);
                  zoomToRows([index]);
                }}
                data-testid="table-row"
                data-tower-id={tower.id}
              >
                {TOWER_COLUMNS.map((column) => (
                  <span key={column} className={`cell col-${column}`}>
                    {format(column, towerCellValue(tower, column))}
                  </span>
                ))}
              </button>
            );
          })}
        </div>
      </div>
    </section>
  );
}
