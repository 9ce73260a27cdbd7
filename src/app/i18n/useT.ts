import { useAppStore } from '../store/appStore';
import { type StringKey, translate } from './strings';

export function useT(): (key: StringKey) => string {
  const language = useAppStore((state) => state.language);
  return (key) => translate(language, key);
}
