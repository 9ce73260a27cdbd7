import { type Language, translateWith } from '../i18n/strings';

/**
 * The note under a predicted coverage's figures for the operators the run had no radio for in its technology (no band
 * of theirs): their row reads "—", not "covers no one". One wording for the panel and the report.
 */
export function describeNoRadio(
  language: Language,
  operators: readonly string[],
  /** The run's technology; 5G when not said. */
  technology: '4g' | '5g' = '5g',
): string {
  return translateWith(language, 'noRadioNote', {
    names: operators.join(', '),
    technology: technology === '4g' ? '4G' : '5G',
  });
}
