/** Vietnamese people, companies and places for the demo data. */
import type { Dice } from './dice.js';

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thu', 'Minh', 'Thanh', 'Khánh', 'Bảo', 'Hoài'];
const MIDDLE_M = ['Văn', 'Minh', 'Quốc', 'Đức', 'Hữu', 'Gia', 'Thành', 'Công'];
const GIVEN_F = [
  'Lan',
  'Hoa',
  'Mai',
  'Hương',
  'Trang',
  'Linh',
  'Thảo',
  'Ngân',
  'Hà',
  'Yến',
  'Vy',
  'Anh',
  'Chi',
  'Phương',
  'Nhung',
  'Quỳnh',
];
const GIVEN_M = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Hải',
  'Hùng',
  'Khoa',
  'Long',
  'Nam',
  'Phúc',
  'Quân',
  'Sơn',
  'Tâm',
  'Tuấn',
  'Việt',
  'Huy',
];
const MOBILE_PREFIXES = [
  '090',
  '091',
  '093',
  '094',
  '096',
  '097',
  '098',
  '086',
  '088',
  '089',
  '070',
  '077',
  '079',
  '032',
  '035',
  '038',
  '083',
  '085',
];
const COMPANY_KINDS = ['Công ty TNHH', 'Công ty Cổ phần', 'Tập đoàn'];
const COMPANY_NAMES = [
  'Sao Việt',
  'Hưng Thịnh',
  'Minh Phát',
  'An Khang',
  'Đại Dương Xanh',
  'Phương Nam',
  'Thiên Long',
  'Trường Sơn',
  'Hoàng Gia',
  'Bắc Hà',
  'Tân Tiến',
  'Việt Á',
  'Kim Ngân',
  'Hồng Hà',
  'Đông Á',
  'Phú Thành',
];
const COMPANY_TRADES = [
  'Thương mại',
  'Xây dựng',
  'Công nghệ',
  'Dược phẩm',
  'Logistics',
  'Giáo dục',
  'Thực phẩm',
  'Bất động sản',
];
export const PROVINCES = [
  'Hà Nội',
  'TP. Hồ Chí Minh',
  'Đà Nẵng',
  'Hải Phòng',
  'Cần Thơ',
  'Quảng Ninh',
  'Nghệ An',
  'Khánh Hòa',
  'Bình Dương',
  'Đồng Nai',
  'Thừa Thiên Huế',
  'Lâm Đồng',
];
const STREETS = [
  'Lê Lợi',
  'Trần Hưng Đạo',
  'Nguyễn Huệ',
  'Hai Bà Trưng',
  'Lý Thường Kiệt',
  'Điện Biên Phủ',
  'Phan Chu Trinh',
  'Nguyễn Trãi',
];

export interface Person {
  fullName: string;
  gender: 'female' | 'male';
  phone: string;
  email: string;
  dateOfBirth: string;
  province: string;
  address: string;
}

/** Vietnamese names without their tone marks, for e-mail addresses. */
function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

export function phoneNumber(dice: Dice): string {
  return `${dice.pick(MOBILE_PREFIXES)}${String(dice.int(0, 9_999_999)).padStart(7, '0')}`;
}

export function person(dice: Dice, year: number): Person {
  const gender = dice.chance(0.55) ? 'female' : 'male';
  const family = dice.pick(FAMILY);
  const given = dice.pick(gender === 'female' ? GIVEN_F : GIVEN_M);
  const fullName = `${family} ${dice.pick(gender === 'female' ? MIDDLE_F : MIDDLE_M)} ${given}`;
  const province = dice.pick(PROVINCES);
  const born = `${year - dice.int(22, 68)}-${String(dice.int(1, 12)).padStart(2, '0')}-${String(dice.int(1, 28)).padStart(2, '0')}`;
  return {
    fullName,
    gender,
    phone: phoneNumber(dice),
    email: `${ascii(given)}.${ascii(family)}${dice.int(1, 999)}@${dice.pick(['gmail.com', 'yahoo.com.vn', 'outlook.com', 'fpt.vn'])}`,
    dateOfBirth: born,
    province,
    address: `${dice.int(1, 299)} ${dice.pick(STREETS)}, ${province}`,
  };
}

export function company(dice: Dice): { name: string; taxCode: string } {
  return {
    name: `${dice.pick(COMPANY_KINDS)} ${dice.pick(COMPANY_TRADES)} ${dice.pick(COMPANY_NAMES)}`,
    taxCode: `0${dice.int(100_000_000, 999_999_999)}`,
  };
}
