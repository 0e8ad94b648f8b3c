import type { Place, ReturnDeclaration } from '@gridguard/types';

/**
 * Where the demo's returnees come from, with the 统计用区划代码 the region picker would give. A few
 * lie in DEMO_RULES' risk areas (湖北 high, 温州 and 深圳 medium), most do not: the classification
 * the rules give them is what the seed stores, as the returns router would.
 */
interface Origin {
  place: Place;
  via?: Place;
  transport: ReturnDeclaration['transport'];
  /** Train, flight or plate numbers seen on that route. */
  numbers: readonly string[];
}

const place = (province: string, city: string, district: string, code: string): Place => ({
  province,
  city,
  district,
  code,
});

export const ORIGINS: readonly Origin[] = [
  {
    place: place('湖北省', '武汉市', '武昌区', '420106'),
    transport: 'train',
    numbers: ['G1001', 'G1121'],
  },
  { place: place('湖北省', '孝感市', '孝南区', '420902'), transport: 'car', numbers: ['鄂K3M217'] },
  {
    place: place('浙江省', '温州市', '鹿城区', '330302'),
    transport: 'flight',
    numbers: ['CZ3864', 'MU5281'],
  },
  {
    place: place('广东省', '深圳市', '南山区', '440305'),
    transport: 'car',
    numbers: ['粤B6D2K9', '粤BF0631'],
  },
  {
    place: place('广东省', '广州市', '天河区', '440106'),
    transport: 'train',
    numbers: ['C7203', 'D7421'],
  },
  { place: place('广东省', '东莞市', '', '441900'), transport: 'bus', numbers: ['东莞—九江'] },
  {
    place: place('湖南省', '长沙市', '岳麓区', '430104'),
    transport: 'train',
    numbers: ['G6113', 'G1303'],
  },
  {
    place: place('广西壮族自治区', '南宁市', '青秀区', '450103'),
    transport: 'train',
    numbers: ['D3601'],
  },
  {
    place: place('江西省', '赣州市', '章贡区', '360702'),
    // Drove down through Shenzhen: 途经中风险地区.
    via: place('广东省', '深圳市', '龙岗区', '440307'),
    transport: 'car',
    numbers: ['赣B72Q55'],
  },
  {
    place: place('四川省', '成都市', '武侯区', '510107'),
    transport: 'flight',
    numbers: ['3U8731', 'CA4309'],
  },
  {
    place: place('广东省', '湛江市', '霞山区', '440803'),
    transport: 'bus',
    numbers: ['湛江—佛山'],
  },
  {
    place: place('贵州省', '贵阳市', '南明区', '520102'),
    transport: 'train',
    numbers: ['D1831'],
  },
  {
    place: place('上海市', '上海市', '浦东新区', '310115'),
    transport: 'flight',
    numbers: ['MU5301'],
  },
];

/** How often each origin is picked: the risk areas (the first four) are the exception. */
const WEIGHTS = [2, 1, 1, 1, 5, 4, 3, 2, 2, 2, 3, 1, 2];

/**
 * The routes a few returnees are given outright, so every demo has the classes the rules make:
 * 湖北 (high, 集中观察), 温州 (medium, 重点), and a drive through 深圳 (途经中风险地区, 重点).
 */
export const RISK_ROUTES: readonly Origin[] = [ORIGINS[0], ORIGINS[2], ORIGINS[8]].filter(
  (o): o is Origin => o !== undefined,
);

/** An origin for a draw in [0, 1), by weight. */
export function originFor(draw: number): Origin {
  const total = WEIGHTS.reduce((a, b) => a + b, 0);
  let left = draw * total;
  for (let i = 0; i < ORIGINS.length; i += 1) {
    left -= WEIGHTS[i] ?? 0;
    if (left < 0) return ORIGINS[i] as Origin;
  }
  return ORIGINS[ORIGINS.length - 1] as Origin;
}

/** The declaration a returnee arriving on `arrivalDay` from `origin` makes. */
export function declarationFrom(
  origin: Origin,
  arrivalDay: string,
  departureDay: string,
  number: string,
): ReturnDeclaration {
  return {
    origin: origin.place,
    via: origin.via ? [origin.via] : [],
    transport: origin.transport,
    transportNumber: number,
    departureDay,
    arrivalDay,
    contactWithCases: false,
    symptoms: [],
  };
}
