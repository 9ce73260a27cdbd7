import { useAppStore } from '../store/appStore';
import { startLinkProfile } from './runLinkProfile';
import { setCustomPoint, setPickMode, useTerrainToolsStore } from './terrainToolsStore';

/**
 * A click on the map while a terrain tool waits for one (on the overview tab, where the inspect panel is): a point
 * for the viewshed, or the far mast of a link from the selected one. True when the click was used, so it selects
 * nothing; a click beside every mast while picking a link's end is used too (the selection stays).
 */
export function handleTerrainMapClick(lonLat: [number, number], towerIndex: number | null): boolean {
  const { pickMode } = useTerrainToolsStore.getState();
  const { activeTab, selectedTowerIndex } = useAppStore.getState();
  if (pickMode === 'none' || activeTab !== 'overview') return false;
  if (pickMode === 'viewshedPoint') {
    setCustomPoint(lonLat);
    return true;
  }
  if (selectedTowerIndex === null) {
    setPickMode('none');
    return false;
  }
  if (towerIndex !== null && towerIndex !== selectedTowerIndex) {
    setPickMode('none');
    void startLinkProfile(selectedTowerIndex, towerIndex);
  }
  return true;
}
