import type { Language } from '../i18n/strings';

export type PaperSize = 'A4' | 'A3';
export type Orientation = 'portrait' | 'landscape';

export interface ReportParams {
  paper: PaperSize;
  orientation: Orientation;
  language: Language;
}

/** Paper sizes in millimetres (ISO 216), portrait. */
export const PAPER_MM: Record<PaperSize, { width: number; height: number }> = {
  A4: { width: 210, height: 297 },
  A3: { width: 297, height: 420 },
};
export const REPORT_MARGIN_MM = 12;
export const REPORT_DPI = 300;

/** The report's settings from the page URL (`?report=1&paper=A3&orientation=landscape&lang=en`), or null. */
export function readReportParams(search: string): ReportParams | null {
  const params = new URLSearchParams(search);
  if (params.get('report') !== '1') return null;
  return {
    paper: params.get('paper') === 'A3' ? 'A3' : 'A4',
    orientation: params.get('orientation') === 'portrait' ? 'portrait' : 'landscape',
    language: params.get('lang') === 'en' ? 'en' : 'vi',
  };
}

export function reportSearch(params: ReportParams): string {
  return `?report=1&paper=${params.paper}&orientation=${params.orientation}&lang=${params.language}`;
}

export function pageSizeMm(params: ReportParams): { width: number; height: number } {
  const { width, height } = PAPER_MM[params.paper];
  return params.orientation === 'portrait' ? { width, height } : { width: height, height: width };
}
