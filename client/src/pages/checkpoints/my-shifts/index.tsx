import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback } from 'react';
import { CallButton } from '../../../components/call-button';
import { ListHead } from '../../../components/list-head';
import { PagedStates } from '../../../components/paged-states';
import { usePagedList } from '../../../hooks/use-paged-list';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { toastDone } from '../../../interaction';
import { openPage, routes } from '../../../routes';
import {
  callCrew,
  checkIn,
  checkOut,
  listMyShifts,
  type ShiftView,
} from '../../../services/checkpoints-rota';
import { ShiftCard } from '../shared/shift-card';

/**
 * 我的班次: the caller's shifts, the running and next ones first, with 签到 from an hour before a
 * shift and 签退 until four hours after it, so the rota shows who was actually there.
 */
export default function MyShiftsPage() {
  const fetchPage = useCallback((page: number) => listMyShifts(page), []);
  const list = usePagedList(fetchPage, { topics: ['checkpoints'] });
  usePullRefresh(list.reload);

  const duty = async (shift: ShiftView, kind: 'in' | 'out') => {
    const result = await (kind === 'in' ? checkIn(shift.id) : checkOut(shift.id));
    if (result.ok) toastDone(kind === 'in' ? '已签到' : '已签退');
    else void Taro.showModal({ title: '未能完成', content: result.message, showCancel: false });
  };

  return (
    <View className="page">
      <ListHead title="我的班次" list={list.state} unit="个班次" level="page" />
      <Text className="page__hint">班次开始前 1 小时起可签到，结束后 4 小时内可签退。</Text>
      <PagedStates
        list={list}
        failedTitle="班次加载失败"
        empty={{ title: '暂无班次', message: '在网格详情的「卡口值守」里报名值班' }}
      >
        {(items) =>
          items.map((shift) => {
            const { me } = shift;
            return (
              <ShiftCard
                key={shift.id}
                shift={shift}
                title={shift.siteName}
                crewAction={(c) =>
                  c.openid === me?.openid ? null : (
                    <CallButton call={() => callCrew(shift.id, c.openid)} label="拨打" />
                  )
                }
              >
                {shift.checkInOpen && me && !me.checkedInAt ? (
                  <Button
                    className="btn btn--primary btn--block"
                    hoverClass="btn--pressed"
                    onClick={() => void duty(shift, 'in')}
                  >
                    签到
                  </Button>
                ) : null}
                {shift.checkOutOpen && me && !me.checkedOutAt ? (
                  <Button
                    className="btn btn--secondary btn--block"
                    hoverClass="btn--pressed"
                    onClick={() => void duty(shift, 'out')}
                  >
                    签退
                  </Button>
                ) : null}
                <Button
                  className="btn btn--small"
                  hoverClass="btn--pressed"
                  onClick={() => openPage(routes.checkpointRota(shift.siteId))}
                >
                  查看排班表
                </Button>
              </ShiftCard>
            );
          })
        }
      </PagedStates>
    </View>
  );
}
