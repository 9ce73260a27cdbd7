import { useEffect } from 'react';
import { create } from 'zustand';

/**
 * Fields that show a value they did not take (a number out of range, a word): by the form they belong to, so that the
 * form's run button waits until they are fixed instead of running on the last valid values unseen.
 */
const useInvalidFieldStore = create<{ byForm: Record<string, readonly string[]> }>(() => ({ byForm: {} }));

/** Registers the field `fieldId` of `form` as showing a refused value while `invalid` holds. */
export function useFieldValidity(form: string | undefined, fieldId: string, invalid: boolean): void {
  useEffect(() => {
    if (form === undefined || !invalid) return;
    useInvalidFieldStore.setState((state) => ({
      byForm: { ...state.byForm, [form]: [...(state.byForm[form] ?? []), fieldId] },
    }));
    return () =>
      useInvalidFieldStore.setState((state) => ({
        byForm: { ...state.byForm, [form]: (state.byForm[form] ?? []).filter((id) => id !== fieldId) },
      }));
  }, [form, fieldId, invalid]);
}

/** How many fields of `form` show a value they did not take. */
export function useInvalidFieldCount(form: string): number {
  return useInvalidFieldStore((state) => state.byForm[form]?.length ?? 0);
}
