import type { CoordinateProblemGroup, CoordinateProblemReport } from '../../core/crs/detectCoordinateProblems';
import type { Language } from '../i18n/strings';

const examples = (group: CoordinateProblemGroup, language: Language) =>
  `${language === 'vi' ? 'ví dụ dòng' : 'e.g. lines'} ${group.examples.map((e) => `${e.row} (${e.x}, ${e.y})`).join(', ')}`;

/** The coordinate check of the import preview, one line per finding, in the UI's language. */
export function describeCoordinateReport(
  report: CoordinateProblemReport,
  language: Language,
  crsCode: string,
  areaName: string,
): string[] {
  const lines: string[] = [];
  const of = (group: CoordinateProblemGroup) =>
    language === 'vi' ? `${group.count}/${report.checked} cặp tọa độ` : `${group.count} of ${report.checked} pairs`;
  if (report.projected.count > 0) {
    const order = report.northingFirst
      ? language === 'vi'
        ? '; cột thứ nhất là tọa độ Bắc (X = Bắc, Y = Đông theo thói quen đo đạc)'
        : '; the first column holds northings (survey order X = northing, Y = easting)'
      : '';
    lines.push(
      language === 'vi'
        ? `${of(report.projected)} là mét của hệ tọa độ phẳng, không phải độ (${examples(report.projected, language)}): chọn hệ tọa độ${order}`
        : `${of(report.projected)} are metres of a projected CRS, not degrees (${examples(report.projected, language)}): choose the CRS${order}`,
    );
  }
  if (report.swapped.count > 0) {
    lines.push(
      language === 'vi'
        ? `${of(report.swapped)} chỉ nằm trong Việt Nam khi đổi chỗ kinh độ và vĩ độ (${examples(report.swapped, language)})`
        : `${of(report.swapped)} fall in Việt Nam only with longitude and latitude exchanged (${examples(report.swapped, language)})`,
    );
  }
  if (report.outsideVietnam.count > 0) {
    lines.push(
      language === 'vi'
        ? `${of(report.outsideVietnam)} nằm ngoài Việt Nam theo ${crsCode} (${examples(report.outsideVietnam, language)})`
        : `${of(report.outsideVietnam)} are outside Việt Nam in ${crsCode} (${examples(report.outsideVietnam, language)})`,
    );
  }
  if (report.degreesInProjected.count > 0) {
    lines.push(
      language === 'vi'
        ? `${of(report.degreesInProjected)} ghi bằng độ trong tệp đọc theo ${crsCode}: đọc là WGS 84 (${examples(report.degreesInProjected, language)})`
        : `${of(report.degreesInProjected)} are degrees in a file read as ${crsCode}: read as WGS 84 (${examples(report.degreesInProjected, language)})`,
    );
  }
  if (report.outsideProvince.count > 0) {
    lines.push(
      language === 'vi'
        ? `${of(report.outsideProvince)} nằm ngoài ${areaName} (${examples(report.outsideProvince, language)})`
        : `${of(report.outsideProvince)} are outside ${areaName} (${examples(report.outsideProvince, language)})`,
    );
  }
  return lines;
}
