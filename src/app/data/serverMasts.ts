import { packTowersInSlices } from '../../core/model/towerArrays';
import { saveTowers } from '../persistence/towerStorage';
import { apiClient } from '../server/apiClient';
import { showDataset, useAppStore } from '../store/appStore';
import { replaceTowersWithArrays } from './replaceTowers';

/**
 * Signed in: the province's masts as the server keeps them (the synthetic demo masts it was seeded with and every
 * operator's imports) replace the ones on screen, and are kept in this browser too. A server that cannot answer
 * leaves the masts on screen as they are. The masts go into the dataset on screen once they are packed, so a dataset
 * that changed while they were on their way (a layer arrived, saved masts were restored) still gets them; another
 * province on screen by then keeps its own.
 */
export async function loadServerMasts(): Promise<boolean> {
  const requested = useAppStore.getState().dataset;
  if (!requested) return false;
  const provinceCode = requested.provinceCode;
  try {
    const towers = await apiClient.listMasts(provinceCode);
    if (towers.length === 0) return false;
    const arrays = await packTowersInSlices(towers);
    const dataset = useAppStore.getState().dataset;
    if (!dataset || dataset.provinceCode !== provinceCode) return false;
    showDataset(replaceTowersWithArrays(dataset, towers, arrays));
    await saveTowers(provinceCode, towers);
    return true;
  } catch {
    return false;
  }
}
