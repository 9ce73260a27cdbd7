import { useId, useState } from 'react';
import { formatNumber } from '../i18n/strings';
import { useT } from '../i18n/useT';
import { useAppStore } from '../store/appStore';
import { useFieldValidity } from './invalidFields';
import { parseNumberInput } from './parseNumberInput';

export interface NumberFieldProps {
  label?: string;
  value: number | null;
  min?: number;
  max?: number;
  integer?: boolean;
  disabled?: boolean;
  /** Called with each valid number typed (never with a refused one). */
  onChange: (value: number) => void;
  /** The field may be left empty (no value: a target not set); called when it is emptied. Else empty is refused. */
  onClear?: () => void;
  testId?: string;
  ariaLabel?: string;
  className?: string;
  /** The form the field belongs to: its run button waits while the field shows a value it did not take. */
  form?: string;
}

/**
 * A number as people type it: "0,8" and "0.8" are both 0.8. What does not parse, or falls outside the limits, is not
 * taken and the field says why, in the UI's language, where the user typed; the last valid value stays in force. A text
 * input (inputMode decimal), not type=number, whose parsing of commas depends on the browser's locale.
 */
export function NumberField(props: NumberFieldProps) {
  const t = useT();
  const language = useAppStore((state) => state.language);
  // The value in force as the UI's language writes it: "0,6" in Vietnamese (both forms parse), no thousands marks.
  const valueText =
    props.value === null ? '' : language === 'vi' ? String(props.value).replace('.', ',') : String(props.value);
  // What the user is typing while the field has the focus; the value in force otherwise (undo, a preset, another
  // setting that moves this one), in the same render.
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? valueText;
  const errorId = useId();
  const inputId = useId();
  const parse = (raw: string) => parseNumberInput(raw, { min: props.min, max: props.max, integer: props.integer });
  const emptyAllowed = (raw: string) => props.onClear !== undefined && raw.trim() === '';
  const parsed = parse(text);
  // A field that starts empty (no value yet) says nothing until the user types in it.
  const error =
    parsed.ok || emptyAllowed(text) || (draft === null && text === '')
      ? null
      : parsed.reason === 'belowMin' || parsed.reason === 'aboveMax'
        ? `${t('numberBetween')} ${formatNumber(language, props.min ?? Number.NEGATIVE_INFINITY, 2)} – ${formatNumber(language, props.max ?? Number.POSITIVE_INFINITY, 2)}`
        : parsed.reason === 'notInteger'
          ? t('numberWhole')
          : parsed.reason === 'empty'
            ? t('numberEmpty')
            : t('numberNotNumber');
  useFieldValidity(props.form, inputId, error !== null);
  // What stays in force meanwhile, so nobody takes the refused value for the one used.
  const inForce = error !== null && props.value !== null ? ` (${t('numberNotApplied')} ${valueText})` : '';
  const input = (
    <input
      id={inputId}
      type="text"
      inputMode="decimal"
      value={text}
      disabled={props.disabled}
      aria-invalid={error !== null}
      aria-describedby={error ? errorId : undefined}
      aria-label={props.ariaLabel}
      className={props.className}
      onFocus={() => setDraft((current) => current ?? valueText)}
      // A refused entry stays on screen with its reason after the field is left; a taken one shows the value in force.
      onBlur={() => {
        if (draft === null || parse(draft).ok || emptyAllowed(draft)) setDraft(null);
      }}
      onChange={(event) => {
        setDraft(event.target.value);
        if (emptyAllowed(event.target.value)) return props.onClear?.();
        const next = parse(event.target.value);
        if (next.ok) props.onChange(next.value);
      }}
      data-testid={props.testId}
    />
  );
  const message = error && (
    <span
      id={errorId}
      className="field-error"
      role="alert"
      data-testid={props.testId ? `${props.testId}-error` : undefined}
    >
      {error}
      {inForce}
    </span>
  );
  if (props.label === undefined) {
    return (
      <>
        {input}
        {message}
      </>
    );
  }
  return (
    <div className="field">
      <label htmlFor={inputId}>{props.label}</label>
      {input}
      {message}
    </div>
  );
}
