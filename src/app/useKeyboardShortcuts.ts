import { useEffect } from 'react';
import { redoProject, undoProject } from './store/appStore';
import { setPickMode, useTerrainToolsStore } from './terrain/terrainToolsStore';

/**
 * Ctrl+Z undo, Ctrl+Shift+Z or Ctrl+Y redo (Cmd on macOS); left to the browser inside text fields. Escape leaves a
 * terrain tool's pick mode (a point for the viewshed, a link's far end).
 */
export function useKeyboardShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && useTerrainToolsStore.getState().pickMode !== 'none') {
        setPickMode('none');
        return;
      }
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) {
        if ((target as HTMLInputElement).type !== 'checkbox') return;
      }
      if (!(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        undoProject();
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault();
        redoProject();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
