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
  let saves = 0;
  useAppStore.subscribe((state, previous) => {
    if (state.history.present === previous.history.present) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      const project = useAppStore.getState().history.present;
      // While this save is on its way the browser holds neither project for sure: an undo back to the project saved
      // before must not read as saved (the store would hold it while this one lands after it).
      useAppStore.setState({ lastSavedProject: null });
      const save = ++saves;
      void saveProject(project).then((ok) => {
        // A later save on its way will land after this one: the project is "saved" once the last one has.
        if (!ok) useAppStore.setState({ lastSavedAt: null });
        else if (save === saves) useAppStore.setState({ lastSavedAt: Date.now(), lastSavedProject: project });
      });
    }, SAVE_DELAY_MS);
  });
  return shared?.view ?? null;
}
