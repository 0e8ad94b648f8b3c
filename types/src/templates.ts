/**
 * Subscribe message templates (小程序管理后台 → 订阅消息). The ids below are the local emulator's;
 * a deployment replaces them with the ids its own templates got in the admin console.
 */
export const SUBSCRIBE_TEMPLATES = {
  /** To a resident who has not reported today. */
  reportReminder: {
    id: 'TPL_REPORT_REMINDER',
    title: '健康打卡提醒',
    keys: ['thing1', 'date2', 'thing3'],
  },
  /** To a leader when someone in their grid reports a fever or symptoms. */
  feverAlert: { id: 'TPL_FEVER_ALERT', title: '异常情况提醒', keys: ['name1', 'thing2', 'time3'] },
  /** To a requester when a volunteer claims, then delivers, their errand. */
  errandUpdate: {
    id: 'TPL_ERRAND_UPDATE',
    title: '代购进度通知',
    keys: ['thing1', 'phrase2', 'time3'],
  },
  /** To each leader when the day's report (日报) of their node is ready. */
  dailyReport: {
    id: 'TPL_DAILY_REPORT',
    title: '防控日报通知',
    keys: ['thing1', 'date2', 'thing3', 'thing4'],
  },
  /** To a household's members (or, with none on WeChat, the node's leader) when someone asks to join. */
  joinRequest: {
    id: 'TPL_JOIN_REQUEST',
    title: '入户申请通知',
    keys: ['name1', 'thing2', 'time3'],
  },
  /** To a resident whose household a notice has not reached yet. */
  noticeReminder: {
    id: 'TPL_NOTICE_REMINDER',
    title: '通知公告提醒',
    keys: ['thing1', 'thing2', 'time3'],
  },
  /** To each crew member of a 卡口 shift, a while before it starts. */
  shiftReminder: {
    id: 'TPL_SHIFT_REMINDER',
    title: '值班提醒',
    keys: ['thing1', 'time2', 'thing3'],
  },
} as const;

export type TemplateName = keyof typeof SUBSCRIBE_TEMPLATES;
