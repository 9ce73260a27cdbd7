import type { WordedMessage } from '../../core/model/wordedMessage';
import { ownValue } from '../../core/util/ownProperty';
import { describeCodedMessage, type VietnameseTemplates, viNumber } from '../i18n/describeCodedMessage';
import type { Language } from '../i18n/strings';

const SUPPORTED_CRS = 'EPSG:4326, EPSG:4756, EPSG:3405, EPSG:3406, EPSG:32648, EPSG:32649, EPSG:3857';

/** The DEM readers' refusals (ElevationFileError, summarizeElevationRaster's notElevation) in Vietnamese, by code. */
const DEM_TEMPLATES: VietnameseTemplates = {
  notGeoTiff: (p) => `không phải tệp GeoTIFF (chi tiết: ${p.detail})`,
  rasterSize: (p) =>
    `ảnh có ${viNumber(p.width)} x ${viNumber(p.height)} điểm ảnh; DEM cần ít nhất 2 x 2 và nhiều nhất ` +
    `${viNumber(p.max)} điểm ảnh (hãy cắt theo vùng cần dùng, ví dụ gdal_translate -projwin)`,
  rotated: () => 'ảnh bị xoay; chỉ đọc được ảnh hướng bắc lên trên',
  notGeoreferenced: (p) => `tệp TIFF không có tham chiếu địa lý (chi tiết: ${p.detail})`,
  notNorthUp: (p) =>
    `kích thước điểm ảnh ${viNumber(p.x)} x ${viNumber(p.y)} không đọc được (cần ảnh hướng bắc lên trên)`,
  extentNotDegrees: (p) =>
    `phạm vi của ảnh (${viNumber(p.west)}; ${viNumber(p.south)}) – (${viNumber(p.east)}; ${viNumber(p.north)}) ` +
    'không phải độ, dù khóa của tệp ghi hệ tọa độ địa lý',
  unsupportedCrs: (p) => {
    const crs =
      p.geographic === 1
        ? p.crs
          ? `hệ tọa độ địa lý ${p.crs}`
          : 'một hệ tọa độ địa lý mà khóa của tệp để "người dùng tự định nghĩa"'
        : p.crs || 'một hệ tọa độ phẳng mà khóa của tệp không ghi tên';
    return (
      `DEM dùng ${crs}, hệ này không được hỗ trợ (hỗ trợ: ${SUPPORTED_CRS}) — hãy chuyển hệ tọa độ, ví dụ ` +
      'gdalwarp -t_srs EPSG:4326'
    );
  },
  modelType: (p) => `kiểu mô hình GeoTIFF ${p.modelType} không được hỗ trợ (cần 1 hoặc 2)`,
  refusedCompression: (p) =>
    `không đọc ảnh nén ${p.compression}` +
    (p.compression === 'LERC'
      ? ' (bộ giải nén của nó không giới hạn được trước một tệp hỏng)'
      : ' (đây là cách nén ảnh màu 8 bit, không dùng cho độ cao)') +
    ': hãy lưu lại với nén Deflate, LZW hoặc Zstandard (ví dụ gdal_translate -co COMPRESS=DEFLATE)',
  damagedRaster: () => 'tệp bị cắt cụt hoặc hỏng: một dải hay ô ảnh có ít điểm ảnh hơn ảnh cần',
  undecodableRaster: (p) => `không giải mã được dữ liệu ảnh (chi tiết: ${p.detail})`,
  hgtSize: (p) =>
    `ô SRTM .hgt phải có ${viNumber(1201 * 1201 * 2)} byte (3″, 1201 x 1201) hoặc ${viNumber(3601 * 3601 * 2)} byte ` +
    `(1″, 3601 x 3601); tệp này có ${viNumber(p.bytes)} byte`,
  hgtName: (p) => `tên '${p.name}' không cho biết góc của ô (cần tên SRTM như N21E105.hgt hoặc S05W070.hgt)`,
  hgtTooLarge: (p) => `'${p.name}' có ${p.size}, lớn hơn mọi ô SRTM`,
  zipRefused: (p) => `tệp nén zip hỏng hoặc vượt giới hạn (chi tiết: ${p.detail})`,
  zipNoHgt: () => 'tệp nén zip không chứa tệp .hgt nào',
  zipManyHgt: (p) => `tệp nén zip chứa ${p.count} tệp .hgt (${p.names}); cần đúng một`,
  allVoid: () => 'mọi điểm đều trống (nodata)',
  notHeights: (p) =>
    `giá trị từ ${viNumber(p.min)} đến ${viNumber(p.max)}, ngoài mọi độ cao mặt đất (${viNumber(p.low)} đến ` +
    `${viNumber(p.high)} m): đây không phải ảnh độ cao (lưới dân số?)`,
  // readElevationGeoTiff's checks of the samples (singleBandSamples) and of the heights decoded.
  bandCount: (p) =>
    `ảnh có ${viNumber(p.bands)} băng (số mẫu trên mỗi điểm ảnh); DEM chỉ có một băng độ cao (hãy giữ lại băng đó, ` +
    'ví dụ gdal_translate -b 1)',
  unknownPredictor: (p) =>
    `tệp ghi Predictor ${p.predictor}, giá trị TIFF không định nghĩa (1 không dùng, 2 theo hàng, 3 số thực): không ` +
    'khôi phục được giá trị (tệp hỏng?)',
  predictorMismatch: (p) =>
    `tệp ghi bộ dự đoán số thực (Predictor 3) cho giá trị ${p.bits} bit kiểu ` +
    `${p.sampleFormat === 1 ? 'số nguyên không dấu' : p.sampleFormat === 2 ? 'số nguyên có dấu' : `mẫu ${p.sampleFormat}`}; ` +
    'bộ này chỉ dùng cho số thực nên không khôi phục được giá trị (tệp hỏng hoặc ghi sai: hãy ghi lại, ví dụ ' +
    'gdal_translate -co PREDICTOR=2)',
  heightsOutOfRange: (p) =>
    `${viNumber(p.count)} trên ${viNumber(p.total)} điểm nằm ngoài mọi độ cao mặt đất (${viNumber(p.low)} đến ` +
    `${viNumber(p.high)} m; giá trị từ ${viNumber(p.min)} đến ${viNumber(p.max)}): đây không phải ảnh độ cao (lưới ` +
    `dân số?), hoặc điểm trống chưa được khai báo (nếu ${viNumber(p.suspect)} đánh dấu điểm trống, hãy khai báo nó ` +
    `là nodata, ví dụ gdal_edit -a_nodata ${p.suspect} TỆP.tif)`,
};

/** Why a DEM file was refused, in Vietnamese when its code has words here, else null (the reason is English). */
export function demRefusalInVietnamese(message: WordedMessage): string | null {
  const template = message.code === undefined ? undefined : ownValue(DEM_TEMPLATES, message.code);
  return template ? template(message.params ?? {}) : null;
}

/** The points OutsideElevationError names, in Vietnamese. */
const POINTS_VI: Record<string, string> = {
  'the site': 'vị trí trạm',
  'the start point': 'điểm đầu',
  'the end point': 'điểm cuối',
};

/** The terrain tools' errors (viewshed, link profile) in Vietnamese, by code. */
const TOOL_TEMPLATES: VietnameseTemplates = {
  outsideDem: (p) =>
    `${POINTS_VI[String(p.what)] ?? p.what} (${p.lon}, ${p.lat}) nằm ngoài mọi DEM đang có: hãy thêm DEM phủ chỗ này`,
  samePoint: () => 'hai điểm trùng nhau: không có đường truyền',
};

/** Why a viewshed or a link profile failed, in the UI's language (English: the core's message as is). */
export function describeTerrainToolError(message: WordedMessage, language: Language): string {
  return describeCodedMessage(message, language, TOOL_TEMPLATES, 'không tính được');
}
