import { replaceProject, useAppStore } from '../store/appStore';
import { loadSavedProject, saveProject } from './projectStorage';
import { decodeShareHash, type SharedView } from './shareLink';

const SAVE_DELAY_MS = 250;

/**
 * At start-up: a share link in the URL wins; otherwise the project saved in this browser. Then every change of the
 * project is saved (debounced). Returns the shared map view, if the link carried one.
 */
export async function restoreProject(provinceCode: string): Promise<SharedView['view']> {
  const shared = decodeShareHash(window.location.hash);
  if (shared) {
    replaceProject({ ...shared.project, provinceCode });
  } else {
    const saved = await loadSavedProject(provinceCode);
    if (saved) replaceProject(saved);
  }
  let timer: ReturnType<typeof setTimeout> | null = null;
  useAppStore.subscribe((state, previous) => {
    if (state.history.present === previous.history.present) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      const project = useAppStore.getState().history.present;
      void saveProject(project).then((ok) => {
        useAppStore.setState(ok ? { lastSavedAt: Date.now(), lastSavedProject: project } : { lastSavedAt: null });
      });
    }, SAVE_DELAY_MS);
  });
  return shared?.view ?? null;
}
