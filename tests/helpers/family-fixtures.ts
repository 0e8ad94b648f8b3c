import type { HouseholdView, WhoamiOutput } from '@gridguard/types';

/**
 * The family the weapp pages for residents are tested with: 王秀英, who uses WeChat, and her
 * husband, who does not (so he is reported and registered by proxy).
 */
export const RESIDENT: WhoamiOutput = {
  openid: 'oDemoResident',
  registered: true,
  name: '王秀英',
  personId: 'p-self',
  roles: ['resident'],
  grid: null,
};

export const HOUSEHOLD: HouseholdView = {
  id: 'h-1',
  gridId: 'g-shatou-1-3',
  gridName: '第三户联系党小组',
  address: '沙头社区新村大街18号',
  code: 'WXY2H8',
  contact: null,
  people: [
    // Listed before the caller on purpose: the page puts the caller first.
    {
      id: 'p-husband',
      name: '冯国强',
      relation: '配偶',
      idNumberMasked: null,
      phoneMasked: null,
      proxy: null,
      hasWechat: false,
    },
    {
      id: 'p-self',
      name: '王秀英',
      relation: '本人',
      idNumberMasked: null,
      phoneMasked: '138****8018',
      proxy: null,
      hasWechat: true,
    },
  ],
};
