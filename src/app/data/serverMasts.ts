import { packTowersInSlices } from '../../core/model/towerArrays';
import { saveTowers } from '../persistence/towerStorage';
import { apiClient } from '../server/apiClient';
import { guardedQuietly, useServerStore } from '../server/serverStore';
import { showDataset, useAppStore } from '../store/appStore';
import { replaceTowersWithArrays } from './replaceTowers';

/**
 * Signed in: the province's masts as the server keeps them (the synthetic demo masts it was seeded with and every
 * operator's imports) replace the ones on screen, and are kept in this browser too. The server store says where they
 * are (`serverMasts`: loading, loaded, failed), so the panels can say so and wait for them rather than compute on the
 * masts they replace; a server that cannot answer leaves the masts on screen as they are, and its refusal is shown
 * ('loadMasts'). The masts go into the dataset on screen once they are packed, so a dataset that changed while they
 * were on their way (a layer arrived, saved masts were restored) still gets them; another province on screen by then
 * keeps its own.
 */
export async function loadServerMasts(): Promise<boolean> {
  const requested = useAppStore.getState().dataset;
  if (!requested) return false;
  const provinceCode = requested.provinceCode;
  useServerStore.setState({ serverMasts: 'loading' });
  const settle = (status: 'loaded' | 'failed') =>
    useServerStore.setState((state) => (state.serverMasts === 'loading' ? { serverMasts: status } : {}));
  let shown = false;
  const ok = await guardedQuietly('loadMasts', async () => {
    const towers = await apiClient.listMasts(provinceCode);
    if (towers.length === 0) return;
    const arrays = await packTowersInSlices(towers);
    const dataset = useAppStore.getState().dataset;
    if (!dataset || dataset.provinceCode !== provinceCode) return;
    showDataset(replaceTowersWithArrays(dataset, towers, arrays));
    shown = true;
    settle('loaded');
    // Kept for the next visit; a browser that cannot store them still shows them.
    await saveTowers(provinceCode, towers).catch(() => false);
  });
  settle(ok ? 'loaded' : 'failed');
  return shown;
}
