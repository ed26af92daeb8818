/** The operator's staff, its products and services, and the calendar of departures. */
import type { DemoSeedApi } from '../../../engine/index.js';
import type { Calendar, Dice } from './dice.js';

export const STAFF = {
  marketing: ['mkt.lan', 'mkt.duc'],
  sales: ['sales.minh', 'sales.huong', 'sales.tuan', 'sales.thao'],
  operators: ['op.khanh', 'op.phuong'],
  accountant: 'acc.trang',
  manager: 'mgr.hai',
  // The website's booking form: the engine itself, not a person (it reaches every record).
  web: 'system:web-form',
} as const;

export interface TourProduct {
  id: string;
  code: string;
  name: string;
  destination: string;
  days: number;
  price: number;
  international: boolean;
  /** The product's `tourType` (product.schema.json). */
  tourType: 'beach' | 'mountain' | 'culture' | 'city' | 'cruise' | 'pilgrimage' | 'mice';
}

const TOURS: Omit<TourProduct, 'id'>[] = [
  {
    code: 'HL-3N2D',
    tourType: 'cruise',
    name: 'Hạ Long – ngủ du thuyền 3N2Đ',
    destination: 'Hạ Long',
    days: 3,
    price: 4_590_000,
    international: false,
  },
  {
    code: 'SP-3N2D',
    tourType: 'mountain',
    name: 'Sa Pa – Fansipan 3N2Đ',
    destination: 'Sa Pa',
    days: 3,
    price: 3_890_000,
    international: false,
  },
  {
    code: 'PQ-4N3D',
    tourType: 'beach',
    name: 'Phú Quốc nghỉ dưỡng 4N3Đ',
    destination: 'Phú Quốc',
    days: 4,
    price: 6_990_000,
    international: false,
  },
  {
    code: 'DN-HA-4N3D',
    tourType: 'culture',
    name: 'Đà Nẵng – Hội An – Bà Nà 4N3Đ',
    destination: 'Đà Nẵng – Hội An',
    days: 4,
    price: 5_490_000,
    international: false,
  },
  {
    code: 'NT-3N2D',
    tourType: 'beach',
    name: 'Nha Trang biển xanh 3N2Đ',
    destination: 'Nha Trang',
    days: 3,
    price: 3_590_000,
    international: false,
  },
  {
    code: 'DL-3N2D',
    tourType: 'mountain',
    name: 'Đà Lạt ngàn hoa 3N2Đ',
    destination: 'Đà Lạt',
    days: 3,
    price: 2_990_000,
    international: false,
  },
  {
    code: 'HG-4N3D',
    tourType: 'mountain',
    name: 'Hà Giang mùa tam giác mạch 4N3Đ',
    destination: 'Hà Giang',
    days: 4,
    price: 4_290_000,
    international: false,
  },
  {
    code: 'BKK-5N4D',
    tourType: 'city',
    name: 'Bangkok – Pattaya 5N4Đ',
    destination: 'Bangkok',
    days: 5,
    price: 8_990_000,
    international: true,
  },
  {
    code: 'SEL-5N4D',
    tourType: 'city',
    name: 'Seoul – Nami – Everland 5N4Đ',
    destination: 'Seoul',
    days: 5,
    price: 15_900_000,
    international: true,
  },
  {
    code: 'SIN-4N3D',
    tourType: 'city',
    name: 'Singapore – Malaysia 4N3Đ',
    destination: 'Singapore',
    days: 4,
    price: 11_490_000,
    international: true,
  },
  {
    code: 'TYO-6N5D',
    tourType: 'culture',
    name: 'Tokyo – Phú Sĩ mùa hoa anh đào 6N5Đ',
    destination: 'Tokyo',
    days: 6,
    price: 32_900_000,
    international: true,
  },
  {
    code: 'TW-5N4D',
    tourType: 'city',
    name: 'Đài Bắc – Cao Hùng 5N4Đ',
    destination: 'Đài Loan',
    days: 5,
    price: 13_990_000,
    international: true,
  },
];

const SERVICES = [
  {
    code: 'HTL-VP-HL',
    name: 'Khách sạn Vinpearl Hạ Long (phòng/đêm)',
    kind: 'hotel',
    price: 2_100_000,
    unit: 'per-room-night',
    supplierName: 'Vinpearl',
  },
  {
    code: 'FLT-VN-HAN-PQC',
    name: 'Vé máy bay Hà Nội – Phú Quốc khứ hồi',
    kind: 'flight',
    price: 3_200_000,
    unit: 'per-ticket',
    supplierName: 'Vietnam Airlines',
  },
  {
    code: 'BUS-29',
    name: 'Xe 29 chỗ (ngày)',
    kind: 'vehicle',
    price: 2_800_000,
    unit: 'per-day',
    supplierName: 'Vận tải Hoàng Long',
  },
  {
    code: 'GUIDE-VN',
    name: 'Hướng dẫn viên tiếng Việt (ngày)',
    kind: 'guide',
    price: 900_000,
    unit: 'per-day',
    supplierName: 'CTV hướng dẫn viên',
  },
  {
    code: 'MEAL-SEAFOOD',
    name: 'Bữa tối hải sản',
    kind: 'meal',
    price: 450_000,
    unit: 'per-person',
    supplierName: 'Nhà hàng Hồng Hạnh',
  },
  {
    code: 'SHOW-KYUC',
    name: 'Vé show Ký ức Hội An',
    kind: 'sightseeing',
    price: 600_000,
    unit: 'per-ticket',
    supplierName: 'Ký ức Hội An',
  },
  {
    code: 'VISA-KR',
    name: 'Dịch vụ visa Hàn Quốc',
    kind: 'visa',
    price: 1_500_000,
    unit: 'per-person',
    supplierName: 'Đại sứ quán Hàn Quốc',
  },
  {
    code: 'INS-TRAVEL',
    name: 'Bảo hiểm du lịch',
    kind: 'insurance',
    price: 120_000,
    unit: 'per-person',
    supplierName: 'Bảo Việt',
  },
] as const;

/** Publish the catalogue; one service stays a draft and one is retired, as in real life. */
export async function createCatalogue(api: DemoSeedApi): Promise<TourProduct[]> {
  const op = STAFF.operators[0];
  const tours: TourProduct[] = [];
  for (const t of TOURS) {
    const created = await api.create(
      'product',
      {
        code: t.code,
        name: t.name,
        kind: 'tour',
        tourType: t.tourType,
        destination: t.destination,
        region: t.international ? 'international' : 'domestic',
        durationDays: t.days,
      },
      { actor: op },
    );
    await api.send(
      'product',
      created.id,
      { type: 'PUBLISH', data: { price: t.price, unit: 'per-person' } },
      op,
    );
    tours.push({ id: created.id, ...t });
  }
  for (const [i, s] of SERVICES.entries()) {
    const { price, unit, ...rest } = s;
    const created = await api.create('product', { ...rest, description: s.name }, { actor: op });
    if (i === SERVICES.length - 1) continue; // insurance: still a draft
    await api.send('product', created.id, { type: 'PUBLISH', data: { price, unit } }, op);
    if (i === SERVICES.length - 2) await api.send('product', created.id, { type: 'RETIRE' }, op);
  }
  return tours;
}

export interface Departure {
  id: string;
  product: TourProduct;
  code: string;
  departureDate: string;
  returnDate: string;
  /** Days from today to departure. */
  inDays: number;
  cancelled: boolean;
}

/** Departures every few days from four months ago to four months ahead. */
export async function createDepartures(
  api: DemoSeedApi,
  dice: Dice,
  calendar: Calendar,
  count: number,
  products: TourProduct[],
): Promise<Departure[]> {
  const departures: Departure[] = [];
  // A few departures around today so that every stage of a tour shows, then the rest spread out.
  const anchors = [-1, 4, -4, -12, 18];
  const span = 240;
  for (let i = 0; i < count; i++) {
    const product = products[i % products.length];
    const spread = count - anchors.length;
    const inDays =
      anchors[i] ?? Math.round(-120 + (span * (i - anchors.length + 0.5)) / spread) + dice.int(-2, 2);
    const departureDate = calendar.day(inDays);
    const returnDate = calendar.day(inDays + product.days - 1);
    const code = `${product.code.split('-')[0]}-${departureDate.replace(/-/g, '')}-${String(i + 1).padStart(3, '0')}`;
    const created = await api.create(
      'tour',
      {
        code,
        name: `${product.name} – khởi hành ${departureDate.split('-').reverse().join('/')}`,
        productId: product.id,
        destination: product.destination,
        departureDate,
        returnDate,
        capacity: product.international ? 25 : 35,
        pricePerPerson: product.price,
      },
      { actor: dice.pick(STAFF.operators) },
    );
    departures.push({
      id: created.id,
      product,
      code,
      departureDate,
      returnDate,
      inDays,
      cancelled: i >= anchors.length && inDays > 10 && dice.chance(0.06),
    });
  }
  return departures;
}

/** Campaigns: finished, running and planned ones, over email and SMS. */
export async function createCampaigns(
  api: DemoSeedApi,
  dice: Dice,
  count: number,
  products: TourProduct[],
): Promise<{ id: string; channel: 'email' | 'sms' }[]> {
  const running: { id: string; channel: 'email' | 'sms' }[] = [];
  const themes = [
    'Hè rực rỡ',
    'Thu vàng Tây Bắc',
    'Tết sum vầy',
    'Du xuân đầu năm',
    'Khám phá châu Á',
    'Teambuilding doanh nghiệp',
    'Trăng mật ngọt ngào',
    'Ưu đãi khách hàng thân thiết',
  ];
  for (let i = 0; i < count; i++) {
    const channel = i % 3 === 2 ? 'sms' : 'email';
    const owner = STAFF.marketing[i % STAFF.marketing.length] as string;
    const destinations = [dice.pick(products).destination, dice.pick(products).destination];
    const size = dice.int(8, 60) * 100;
    const created = await api.create(
      'campaign',
      {
        name: `${themes[i % themes.length]} ${2026 + Math.floor(i / themes.length)}`,
        channel,
        objective: `Thu hút khách quan tâm ${destinations.join(', ')}`,
        audience: { entity: 'account', segment: dice.pick(['family', 'couple', 'corporate', 'senior', 'student']), filter: { 'data.kind': 'individual' }, size },
        destinations: [...new Set(destinations)],
        budget: dice.int(10, 80) * 1_000_000,
      },
      { actor: owner },
    );
    const fate = i === count - 1 ? 'draft' : i === count - 2 && count > 4 ? 'cancelled' : 'running';
    if (fate === 'cancelled') {
      await api.send(
        'campaign',
        created.id,
        { type: 'CANCEL', data: { cancelReason: 'Trùng lịch khuyến mãi của đối tác' } },
        owner,
      );
    } else if (fate === 'running') {
      const message =
        channel === 'email'
          ? 'Ưu đãi đến 15% cho tour trọn gói, số chỗ có hạn.'
          : 'Giam 1 trieu/khach tour tron goi. LH 1900 1234';
      await api.send(
        'campaign',
        created.id,
        { type: 'LAUNCH', data: { subject: 'Ưu đãi tour trọn gói', message } },
        owner,
      );
      // What the sending reported (the counters are the system's, not a person's to type).
      await api.update('campaign', created.id, { sentCount: size }, 'system:email');
      running.push({ id: created.id, channel });
    }
  }
  return running;
}
