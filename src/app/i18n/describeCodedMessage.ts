import type { WordedMessage } from '../../core/model/wordedMessage';
import { ownValue } from '../../core/util/ownProperty';
import type { Language } from './strings';

export type MessageParams = Record<string, string | number>;

/** A screen's Vietnamese words for the core's coded messages, by code (English is the core's own reason). */
export type VietnameseTemplates = Readonly<Record<string, (params: MessageParams) => string>>;

/**
 * A message from the core in the UI's language. English: the core's reason as is (the command line's words).
 * Vietnamese: the template of its code; without one, `lead` (what failed, in Vietnamese; may be empty when the screen
 * already says it) and the English reason as the detail, so that the user knows what happened, or the reason alone
 * when `lead` is null (a note that has no words here). A hint follows after '; ', worded the same way.
 */
export function describeCodedMessage(
  message: WordedMessage,
  language: Language,
  templates: VietnameseTemplates,
  lead: string | null,
): string {
  // A reason that already ends with its hint's (the command line's one line) is worded without it, then the hint.
  const tail = message.hint ? `; ${message.hint.reason}` : '';
  const reason = tail && message.reason.endsWith(tail) ? message.reason.slice(0, -tail.length) : message.reason;
  const template = language === 'vi' && message.code !== undefined ? ownValue(templates, message.code) : undefined;
  const text =
    language === 'en'
      ? reason
      : template
        ? template(message.params ?? {})
        : lead === null
          ? reason
          : `${lead ? `${lead} (chi tiết bằng tiếng Anh)` : 'chi tiết bằng tiếng Anh'}: ${reason}`;
  return message.hint ? `${text}; ${describeCodedMessage(message.hint, language, templates, lead)}` : text;
}

/** A number in Vietnamese writing (1.201, 0,02). */
export const viNumber = (value: string | number) =>
  typeof value === 'number' ? value.toLocaleString('vi', { maximumFractionDigits: 6 }) : value;

/** What classifyNonText found, in Vietnamese (by its kind). */
export const NON_TEXT_VI: Record<string, string> = {
  zip: 'một tệp nén zip (sổ tính Excel .xlsx? hãy lưu thành CSV)',
  xls: 'một sổ tính Excel .xls cũ (hãy lưu thành CSV)',
  pdf: 'một tài liệu PDF',
  tiff: 'một ảnh TIFF',
  gzip: 'một tệp nén gzip',
  binaryNul: 'dữ liệu nhị phân (có byte NUL)',
  binaryControl: 'dữ liệu nhị phân (ký tự điều khiển)',
  notUtf8: 'văn bản không phải UTF-8 (hãy lưu thành "CSV UTF-8")',
};
