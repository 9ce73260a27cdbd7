import { useEffect, useMemo, useRef, useState } from 'react';
import type { ProvinceDataset } from '../data/provinceDataset';
import { formatNumber, type StringKey } from '../i18n/strings';
import { useT } from '../i18n/useT';
import { getMapController } from '../map/mapControllerRegistry';
import { selectTower, useAppStore } from '../store/appStore';
import { filterAndSortTowers, TOWER_COLUMNS, type TowerColumn, towerCellValue } from './towerTableRows';

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

/**
 * The towers as a sortable, filterable table. Selecting a row selects the mast on the map and zooms to it; clicking a
 * mast on the map selects and scrolls to its row. Only the visible rows are rendered, so 100k rows stay fast.
 */
export function AttributeTable({ dataset }: { dataset: ProvinceDataset }) {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const selected = useAppStore((state) => state.selectedTowerIndex);
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<{ column: TowerColumn; descending: boolean }>({ column: 'id', descending: false });
  const [scrollTop, setScrollTop] = useState(0);
  const bodyRef = useRef<HTMLDivElement>(null);
  const rows = useMemo(
    () => filterAndSortTowers(dataset.towers, filter, sort.column, sort.descending),
    [dataset.towers, filter, sort],
  );

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
  const visible = rows.slice(first, first + viewportRows + 10);
  const format = (column: TowerColumn, value: string | number | null) =>
    value === null || value === ''
      ? '—'
      : typeof value === 'number'
        ? formatNumber(language, value, column === 'lon' || column === 'lat' ? 5 : column === 'heightM' ? 1 : 0)
        : value;

  const zoomToRows = (indices: number[]) => {
    const towers = indices.map((index) => dataset.towers[index]);
    getMapController()?.fitPoints(towers.map((tower) => [tower.lon, tower.lat]));
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
        <span data-testid="table-row-count">
          {formatNumber(language, rows.length)} / {formatNumber(language, dataset.towers.length)}
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
