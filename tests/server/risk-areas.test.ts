import type { Place, ReturnDeclaration, RiskArea } from '@gridguard/types';
import { classifyReturn, riskAreaOf } from '@gridguard/server/domain';

/** 中高风险地区 by 统计用区划代码: an area covers the places whose code starts with its prefix. */
const place = (province: string, code?: string, city = '', district = ''): Place => ({
  province,
  city,
  district,
  ...(code && { code }),
});
const HUBEI: RiskArea = { province: '湖北省', code: '420000', level: 'medium' };
const WUHAN: RiskArea = {
  province: '湖北省',
  city: '武汉市',
  code: '420100',
  level: 'high',
  since: '2020-01-23',
};

describe('risk areas by region code', () => {
  it('a province covers its cities and districts; the most specific area wins', () => {
    expect(riskAreaOf(place('湖北省', '420102'), [HUBEI, WUHAN])).toBe(WUHAN);
    expect(riskAreaOf(place('湖北省', '420502'), [HUBEI, WUHAN])).toBe(HUBEI);
    expect(riskAreaOf(place('湖南省', '430102'), [HUBEI, WUHAN])).toBeUndefined();
  });

  it('what was typed does not matter once the picker gave a code: 「武汉」 is still 武汉市', () => {
    expect(riskAreaOf(place('武汉', '420103'), [WUHAN])).toBe(WUHAN);
    // Without a code the old name rule stands, and 「武汉」 is not a province: why codes matter.
    expect(riskAreaOf(place('武汉'), [WUHAN])).toBeUndefined();
  });

  it('an area counts from its day on', () => {
    expect(riskAreaOf(place('湖北省', '420102'), [WUHAN], '2020-01-22')).toBeUndefined();
    expect(riskAreaOf(place('湖北省', '420102'), [WUHAN], '2020-01-23')).toBe(WUHAN);
  });

  it('classifies a Wuhan returnee from the code, via stops too', () => {
    const declaration: ReturnDeclaration = {
      origin: place('武汉', '420106'),
      via: [place('湖北省', '420502', '宜昌市')],
      transport: 'train',
      transportNumber: 'G1002',
      departureDay: '2020-01-28',
      arrivalDay: '2020-01-29',
      contactWithCases: false,
      symptoms: [],
    };
    const result = classifyReturn(declaration, { riskAreas: [HUBEI, WUHAN], observationDays: 14 });
    expect(result.class).toBe('central');
    expect(result.reasons).toEqual(['来自高风险地区（湖北省武汉市）', '途经中风险地区（湖北省）']);
  });
});
