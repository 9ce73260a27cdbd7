/**
 * The UI's words in Vietnamese and English. Every visible label goes through `t(key)`.
 * (A small typed dictionary for now; i18next can replace it when reports and exports need plural rules.)
 */
export type Language = 'vi' | 'en';

const STRINGS = {
  appTitle: {
    vi: 'CoSite — Quy hoạch hạ tầng viễn thông dùng chung',
    en: 'CoSite — Shared telecom infrastructure planning',
  },
  province: { vi: 'Tỉnh/thành phố', en: 'Province' },
  loading: { vi: 'Đang tải dữ liệu…', en: 'Loading data…' },
  loadFailed: { vi: 'Không tải được dữ liệu', en: 'Could not load the data' },
  layers: { vi: 'Lớp bản đồ', en: 'Layers' },
  layerTowers: { vi: 'Cột ăng-ten (theo nhà mạng)', en: 'Masts (by operator)' },
  layerBackbone: { vi: 'Trục cáp quang (quốc lộ, đường sắt)', en: 'Fibre backbone (national roads, rail)' },
  layerPopulation: { vi: 'Dân số (lưới 1 km)', en: 'Population (1 km grid)' },
  layerCommunes: { vi: 'Ranh giới xã (2009)', en: 'Commune boundaries (2009)' },
  layerCoverage: { vi: 'Vùng phủ sóng', en: 'Coverage' },
  sharedMast: { vi: 'Cột dùng chung (≥ 2 nhà mạng)', en: 'Shared mast (≥ 2 operators)' },
  synthetic: {
    vi: 'Dữ liệu cột là DỮ LIỆU GIẢ LẬP (sinh theo dân số, hạt giống cố định): không có danh sách trạm công khai.',
    en: 'Masts are SYNTHETIC (generated from population, fixed seed): no public tower list exists.',
  },
  syntheticShort: { vi: 'giả lập', en: 'synthetic' },
  masts: { vi: 'cột', en: 'masts' },
  totalMasts: { vi: 'Tổng số cột', en: 'Total masts' },
  sharedMasts: { vi: 'Cột dùng chung', en: 'Shared masts' },
  population: { vi: 'Dân số (WorldPop 2020)', en: 'Population (WorldPop 2020)' },
  backboneKm: { vi: 'Trục cáp quang', en: 'Backbone' },
  communes: { vi: 'Xã (ranh giới 2009)', en: 'Communes (2009 borders)' },
  analysis: { vi: 'Phân tích vùng phủ (bán kính cố định)', en: 'Coverage analysis (fixed radius)' },
  radiusDefault: { vi: 'Bán kính mặc định (m) khi cột không có', en: 'Default radius (m) where a mast has none' },
  run: { vi: 'Tính vùng phủ', en: 'Compute coverage' },
  cancel: { vi: 'Hủy', en: 'Cancel' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
  running: { vi: 'Đang tính…', en: 'Computing…' },
  operator: { vi: 'Nhà mạng', en: 'Operator' },
  covered: { vi: 'Dân được phủ', en: 'Population covered' },
  anyOperator: { vi: 'Bất kỳ nhà mạng', en: 'Any operator' },
  uncovered: { vi: 'Chưa được phủ (vùng lõm)', en: 'Not covered (gaps)' },
  areaCovered: { vi: 'Diện tích phủ', en: 'Area covered' },
  computedIn: { vi: 'Tính trong', en: 'Computed in' },
  workers: { vi: 'luồng xử lý', en: 'workers' },
  showCoverageOf: { vi: 'Hiển thị vùng phủ của', en: 'Show coverage of' },
  gapLegend: { vi: 'Ô dân cư chưa có sóng', en: 'Populated cell with no signal' },
  coveredLegend: { vi: 'Ô được phủ sóng', en: 'Covered cell' },
  inspect: { vi: 'Thông tin đối tượng', en: 'Inspect' },
  close: { vi: 'Đóng', en: 'Close' },
  clickHint: { vi: 'Bấm vào một cột trên bản đồ để xem chi tiết.', en: 'Click a mast on the map to see its details.' },
  id: { vi: 'Mã trạm', en: 'Site id' },
  owner: { vi: 'Chủ sở hữu', en: 'Owner' },
  tenants: { vi: 'Nhà mạng dùng chung', en: 'Tenants' },
  heightM: { vi: 'Độ cao ăng-ten (m)', en: 'Antenna height (m)' },
  radiusM: { vi: 'Bán kính phủ (m)', en: 'Coverage radius (m)' },
  mastType: { vi: 'Loại cột', en: 'Mast class' },
  coordinates: { vi: 'Tọa độ', en: 'Coordinates' },
  people: { vi: 'người', en: 'people' },
  perKm2: { vi: 'người/km²', en: 'people/km²' },
  sovereignty: {
    vi: 'Quần đảo Hoàng Sa và Trường Sa thuộc chủ quyền Việt Nam',
    en: 'The Hoàng Sa (Paracel) and Trường Sa (Spratly) archipelagos are part of Việt Nam',
  },
  sources: {
    vi: 'Nguồn: WorldPop 2020 (CC-BY-4.0), ranh giới tỉnh 2025 (Open Development Mekong, MIT), xã 2009 (censusVN2009, MIT), giao thông (LegoCity, CC-BY-SA-4.0)',
    en: 'Sources: WorldPop 2020 (CC-BY-4.0), 2025 provinces (Open Development Mekong, MIT), 2009 communes (censusVN2009, MIT), roads and rail (LegoCity, CC-BY-SA-4.0)',
  },
  language: { vi: 'English', en: 'Tiếng Việt' },
  undo: { vi: 'Hoàn tác', en: 'Undo' },
  redo: { vi: 'Làm lại', en: 'Redo' },
  shareLink: { vi: 'Liên kết chia sẻ', en: 'Share link' },
  savedInBrowser: { vi: 'Đã lưu trong trình duyệt lúc', en: 'Saved in this browser at' },
  autosaveOn: { vi: 'Dự án tự lưu trong trình duyệt.', en: 'The project saves itself in this browser.' },
  tabOverview: { vi: 'Tổng quan', en: 'Overview' },
  attributeTable: { vi: 'Bảng thuộc tính', en: 'Attribute table' },
  filter: { vi: 'Lọc (mã, nhà mạng, loại cột…)', en: 'Filter (id, operator, class…)' },
  zoomToRows: { vi: 'Thu phóng tới các dòng', en: 'Zoom to rows' },
  zoomToSelection: { vi: 'Thu phóng tới lựa chọn', en: 'Zoom to selection' },
  longitude: { vi: 'Kinh độ', en: 'Longitude' },
  latitude: { vi: 'Vĩ độ', en: 'Latitude' },
  report: { vi: 'Báo cáo (in / PDF)', en: 'Report (print / PDF)' },
  reportTitle: {
    vi: 'Báo cáo quy hoạch hạ tầng viễn thông dùng chung',
    en: 'Shared telecom infrastructure plan report',
  },
  reportDate: { vi: 'Ngày lập', en: 'Date' },
  reportPreparing: { vi: 'Đang chuẩn bị báo cáo…', en: 'Preparing the report…' },
  reportPrint: { vi: 'In hoặc lưu PDF', en: 'Print or save as PDF' },
  reportMap: { vi: 'Bản đồ', en: 'Map' },
  reportLegend: { vi: 'Chú giải', en: 'Legend' },
  reportCoverageTable: { vi: 'Phủ sóng theo nhà mạng (bán kính cố định)', en: 'Coverage by operator (fixed radius)' },
  reportMastsTable: { vi: 'Cột ăng-ten theo nhà mạng', en: 'Masts by operator' },
  reportAssumptions: { vi: 'Giả định và nguồn dữ liệu', en: 'Assumptions and data sources' },
  reportCoverageRule: {
    vi: 'Một ô dân số (1 km) được phủ khi khoảng cách vòng lớn (haversine, R = 6.371.008,8 m) từ tâm ô đến cột không vượt quá bán kính của cột.',
    en: 'A 1 km population cell is covered when the great-circle (haversine, R = 6,371,008.8 m) distance from its centre to a mast is at most the mast’s radius.',
  },
  reportDefaultRadius: { vi: 'Bán kính mặc định khi cột không có', en: 'Default radius where a mast has none' },
  paper: { vi: 'Khổ giấy', en: 'Paper' },
  orientation: { vi: 'Hướng', en: 'Orientation' },
  portrait: { vi: 'Dọc', en: 'Portrait' },
  landscape: { vi: 'Ngang', en: 'Landscape' },
  northArrow: { vi: 'Hướng bắc', en: 'North' },
  scale: { vi: 'Tỷ lệ', en: 'Scale' },
  tabCoverage: { vi: 'Phủ sóng', en: 'Coverage' },
  wholeCountry: { vi: 'Toàn quốc (34 tỉnh)', en: 'Whole country (34 provinces)' },
  rejectedRows: { vi: 'dòng bị loại', en: 'rows rejected' },
} satisfies Record<string, Record<Language, string>>;

export type StringKey = keyof typeof STRINGS;

export function translate(language: Language, key: StringKey): string {
  return STRINGS[key][language];
}

const NUMBER_FORMATS: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

export function formatNumber(language: Language, value: number, fractionDigits = 0): string {
  return value.toLocaleString(NUMBER_FORMATS[language], {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  });
}
