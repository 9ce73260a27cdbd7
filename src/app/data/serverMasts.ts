import { saveTowers } from '../persistence/towerStorage';
import { apiClient } from '../server/apiClient';
import { showDataset, useAppStore } from '../store/appStore';
import { replaceTowersInSlices } from './replaceTowers';

/**
 * Signed in: the province's masts as the server keeps them (the synthetic demo masts it was seeded with and every
 * operator's imports) replace the ones on screen, and are kept in this browser too. A server that cannot answer
 * leaves the masts on screen as they are.
 */
export async function loadServerMasts(): Promise<boolean> {
  const dataset = useAppStore.getState().dataset;
  if (!dataset) return false;
  try {
    const towers = await apiClient.listMasts(dataset.provinceCode);
    if (towers.length === 0) return false;
    const current = useAppStore.getState().dataset;
    if (current !== dataset) return false;
    const next = await replaceTowersInSlices(dataset, towers);
    if (useAppStore.getState().dataset !== dataset) return false;
    showDataset(next);
    await saveTowers(dataset.provinceCode, towers);
    return true;
  } catch {
    return false;
  }
}
