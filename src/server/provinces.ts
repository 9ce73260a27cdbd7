/**
 * The 34 provinces since 1 July 2025 with the codes of the demo dataset (data/demo/provinces-34.geojson, `code` and
 * `name`). These are that dataset's own codes, not official ones; a unit test checks the two lists agree.
 */
export const PROVINCES: readonly { id: string; name: string }[] = [
  { id: 'VN01', name: 'An Giang' },
  { id: 'VN02', name: 'Bắc Ninh' },
  { id: 'VN03', name: 'Cao Bằng' },
  { id: 'VN04', name: 'Cà Mau' },
  { id: 'VN05', name: 'Gia Lai' },
  { id: 'VN06', name: 'Hà Tĩnh' },
  { id: 'VN07', name: 'Hưng Yên' },
  { id: 'VN08', name: 'Khánh Hoà' },
  { id: 'VN09', name: 'Lai Châu' },
  { id: 'VN10', name: 'Lào Cai' },
  { id: 'VN11', name: 'Lâm Đồng' },
  { id: 'VN12', name: 'Lạng Sơn' },
  { id: 'VN13', name: 'Nghệ An' },
  { id: 'VN14', name: 'Ninh Bình' },
  { id: 'VN15', name: 'Phú Thọ' },
  { id: 'VN16', name: 'Quảng Ngãi' },
  { id: 'VN17', name: 'Quảng Ninh' },
  { id: 'VN18', name: 'Quảng Trị' },
  { id: 'VN19', name: 'Sơn La' },
  { id: 'VN20', name: 'TP Cần Thơ' },
  { id: 'VN21', name: 'TP HCM' },
  { id: 'VN22', name: 'TP Huế' },
  { id: 'VN23', name: 'TP Hà Nội' },
  { id: 'VN24', name: 'TP Hải Phòng' },
  { id: 'VN25', name: 'TP Đà Nẵng' },
  { id: 'VN26', name: 'Thanh Hoá' },
  { id: 'VN27', name: 'Thái Nguyên' },
  { id: 'VN28', name: 'Tuyên Quang' },
  { id: 'VN29', name: 'Tây Ninh' },
  { id: 'VN30', name: 'Vĩnh Long' },
  { id: 'VN31', name: 'Điện Biên' },
  { id: 'VN32', name: 'Đắk Lắk' },
  { id: 'VN33', name: 'Đồng Nai' },
  { id: 'VN34', name: 'Đồng Tháp' },
];

export const PROVINCE_ID_PATTERN = /^VN\d{2}$/;
