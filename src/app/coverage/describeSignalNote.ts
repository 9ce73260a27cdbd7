import type { WordedMessage } from '../../core/model/wordedMessage';
import {
  describeCodedMessage,
  type MessageParams,
  type VietnameseTemplates,
  viNumber,
} from '../i18n/describeCodedMessage';
import type { Language } from '../i18n/strings';

/** The propagation models' quantities (ValidityIssue.quantity) in Vietnamese. */
const QUANTITIES_VI: Record<string, string> = {
  frequency: 'tần số',
  'base station height': 'độ cao trạm gốc',
  'mobile height': 'độ cao thiết bị đầu cuối',
  'terminal height': 'độ cao thiết bị đầu cuối',
  distance: 'khoảng cách',
  'street width': 'độ rộng đường',
  'building height': 'độ cao nhà',
};

const rangeVi = (p: MessageParams) =>
  Number(p.max) < 0
    ? `tối thiểu ${viNumber(p.min)} ${p.unit} của mô hình`
    : Number(p.min) === Number(p.max)
      ? `giá trị ${viNumber(p.min)} ${p.unit} của mô hình`
      : `phạm vi ${viNumber(p.min)}-${viNumber(p.max)} ${p.unit} của mô hình`;

/** A propagation run's notes (prepareSignalRun, prepareSignalCoverage) in Vietnamese, by code. */
const SIGNAL_NOTE_TEMPLATES: VietnameseTemplates = {
  no5gInFile: (p) =>
    Number(p.assumed) === 1
      ? 'tệp cột không nói gì về 5G: giả định mọi nhà mạng có giấy phép 5G đều phát 5G trên cột của mình (ô giả định 5G đang chọn)'
      : 'tệp cột không nói gì về 5G (không có has_5g / tenants_5g): không cột nào phát 5G; chọn ô giả định 5G để giả định mọi nhà mạng có giấy phép 5G đều phát',
  terrainUsed: (p) =>
    `địa hình: ${p.layers} lớp độ cao, nhiễu xạ Bullington (ITU-R P.526-15), k = ${viNumber(p.k)}, trọng số ` +
    `${viNumber(p.weight)}` +
    (Number(p.pointsPerStep) > 1 ? `, ${p.pointsPerStep} điểm mặt cắt mỗi bước lưới` : '') +
    (Number(p.outside) > 0 ? `; ${viNumber(p.outside)} ô nằm ngoài mọi DEM được lấy độ cao 0 m` : ''),
  noBand: (p) =>
    `${p.operator} không có băng tần ${p.technology}: thiết bị của nhà mạng này trên ${viNumber(p.masts)} cột không ` +
    `phủ sóng ${p.technology}`,
  missingHeight: (p) => `${viNumber(p.count)} cột không có độ cao: dùng ${viNumber(p.heightM)} m`,
  outsideValidity: (p) =>
    `${p.model}: ${QUANTITIES_VI[String(p.quantity)] ?? p.quantity} ngoài ${rangeVi(p)} với ${viNumber(p.count)} ` +
    `trên ${viNumber(p.total)} thiết bị phát (${String(p.values).replace(/\./g, ',')} ${p.unit}; vẫn tính)`,
  beyondModelDistance: (p) =>
    `${p.model}: ${viNumber(p.count)} trên ${viNumber(p.total)} thiết bị phát với tới xa hơn ${viNumber(p.maxM)} m ` +
    `của mô hình (đến ${viNumber(p.upToM)} m; vẫn tính)`,
  horizonCut: (p) => `${viNumber(p.count)} thiết bị phát với tới quá chân trời vô tuyến: tầm phủ bị cắt tại đó`,
  calculationRadius: (p) =>
    `${viNumber(p.count)} thiết bị phát chỉ được tính đến bán kính tính toán ${viNumber(p.radiusM)} m, không xa hơn`,
  longRun: (p) =>
    `lượt tính dài: khoảng ${viNumber(p.millions)} triệu phép tính ô (tầm phủ đến ${viNumber(p.reachKm)} km); ` +
    'lưới thô hơn sẽ nhanh hơn',
};

/** A propagation run's note in the UI's language (English: the command line's words). */
export function describeSignalNote(note: WordedMessage, language: Language): string {
  return describeCodedMessage(note, language, SIGNAL_NOTE_TEMPLATES, null);
}
