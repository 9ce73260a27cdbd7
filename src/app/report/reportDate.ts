/**
 * The report's date as each language writes a document's date after its label ("Ngày lập: 7 tháng 12 năm 2026",
 * "Date: 7 December 2026"); Intl's Vietnamese long date reads "7 tháng 12, 2026", which no Vietnamese document uses.
 */
export function reportDate(date: Date, language: 'vi' | 'en'): string {
  if (language === 'vi') return `${date.getDate()} tháng ${date.getMonth() + 1} năm ${date.getFullYear()}`;
  return date.toLocaleDateString('en-GB', { year: 'numeric', month: 'long', day: 'numeric' });
}
