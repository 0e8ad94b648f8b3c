import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { addDays } from '@gridguard/types';
import { useCallback, useEffect, useState } from 'react';
import { CallButton } from '../../../components/call-button';
import { QrCode } from '../../../components/qr-code';
import { ResourcePage, StatusBlock } from '../../../components/status-block';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { useResource } from '../../../hooks/use-resource';
import { confirmDestructive, toastDone } from '../../../interaction';
import { decodeParam, openPage, routes } from '../../../routes';
import {
  callCrew,
  CHANGE_DEADLINE_DAYS_BEFORE,
  closeSite,
  fillShift,
  getRota,
  getSite,
  getStaffLoad,
  hoursText,
  leaveShift,
  type LoadRow,
  renewSiteQr,
  type RotaView,
  type ShiftView,
  signUp,
  unfillShift,
} from '../../../services/checkpoints-rota';
import { ShiftCard } from '../shared/shift-card';

/**
 * A site's 排班表 (`?siteId=`), a week at a time: members 报名 / 退出 until the day before a
 * shift; leaders see the shifts short of people first, 补位 from a list with each member's hours
 * this week, and edit or close the site.
 */
export default function RotaPage() {
  const siteId = decodeParam(useRouter().params.siteId);
  if (!siteId) {
    return <StatusBlock kind="error" title="缺少卡口" message="请从卡口列表进入" />;
  }
  return <RotaLoader siteId={siteId} />;
}

function RotaLoader({ siteId }: { siteId: string }) {
  const [from, setFrom] = useState<string | undefined>(undefined);
  const load = useCallback(() => getRota(siteId, from), [siteId, from]);
  const { state, reload } = useResource(load, { topics: ['checkpoints'] });
  usePullRefresh(reload);
  return (
    <ResourcePage state={state} onRetry={reload}>
      {(rota) => <Rota rota={rota} onWeek={setFrom} reload={reload} />}
    </ResourcePage>
  );
}

function Rota({
  rota,
  onWeek,
  reload,
}: {
  rota: RotaView;
  onWeek: (from: string) => void;
  reload: () => unknown;
}) {
  const { site } = rota;
  const [picking, setPicking] = useState<string | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: site.name });
  }, [site.name]);

  const act = async (write: () => Promise<{ ok: boolean; message?: string }>, done: string) => {
    const result = await write();
    if (result.ok) toastDone(done);
    else
      void Taro.showModal({ title: '未能完成', content: result.message ?? '', showCancel: false });
    void reload();
  };
  const leave = async (shift: ShiftView) => {
    if (
      await confirmDestructive(`退出 ${shift.day} ${shift.start}–${shift.end} 的值班？`, '退出')
    ) {
      await act(() => leaveShift(shift.id), '已退出');
    }
  };
  const unfill = async (shift: ShiftView, crew: { openid: string; name: string }) => {
    if (await confirmDestructive(`把 ${crew.name} 移出这个班次？`, '移出')) {
      await act(() => unfillShift(shift.id, crew.openid), '已移出');
    }
  };
  const close = async () => {
    if (
      await confirmDestructive(
        '关闭后不能再报名和登记出入，未开始且无人报名的班次将取消。确定关闭？',
        '关闭卡口',
      )
    ) {
      await act(() => closeSite(site.id), '卡口已关闭');
    }
  };
  const showQr = async () => {
    const result = await getSite(site.id);
    if (result.ok && result.data.qrPath) setQr(result.data.qrPath);
  };
  const renewQr = async () => {
    if (
      await confirmDestructive(
        '更换后，已张贴的旧二维码立即失效，需要重新打印张贴；已提交待确认的登记不受影响。确定更换？',
        '更换二维码',
      )
    ) {
      const result = await renewSiteQr(site.id);
      if (result.ok && result.data.qrPath) {
        setQr(result.data.qrPath);
        toastDone('已更换二维码');
      } else if (!result.ok)
        void Taro.showModal({ title: '未能更换', content: result.message, showCancel: false });
    }
  };

  return (
    <View className="page">
      <Text className="page__title">{site.name}</Text>
      <Text className="muted">
        {site.place} · {site.gridName}
        {site.status === 'closed' ? ' · 已关闭' : ''}
      </Text>
      <Text className="page__hint">
        成员可报名或退出到班次前 {CHANGE_DEADLINE_DAYS_BEFORE}{' '}
        天结束为止；之后请联系网格长补位或调整。
      </Text>
      {site.may.run ? (
        <View className="btn-row">
          <Button
            className="btn btn--secondary btn--small"
            hoverClass="btn--pressed"
            onClick={() => openPage(routes.checkpointLoad(site.id))}
          >
            本周值守时长
          </Button>
          {site.status === 'open' ? (
            <>
              <Button
                className="btn btn--secondary btn--small"
                hoverClass="btn--pressed"
                onClick={() => openPage(routes.checkpointSiteForm({ siteId: site.id }))}
              >
                编辑班次
              </Button>
              <Button
                className="btn btn--secondary btn--small"
                hoverClass="btn--pressed"
                onClick={() => void showQr()}
              >
                卡口二维码
              </Button>
              <Button
                className="btn btn--danger btn--small"
                hoverClass="btn--pressed"
                onClick={() => void close()}
              >
                关闭卡口
              </Button>
            </>
          ) : null}
        </View>
      ) : null}
      {qr ? (
        <View className="card">
          <QrCode text={qr} label="外来人员扫码登记" />
          <Button
            className="btn btn--secondary btn--small"
            hoverClass="btn--pressed"
            onClick={() => void renewQr()}
          >
            更换二维码
          </Button>
        </View>
      ) : null}
      <View className="btn-row">
        <Button
          className="btn btn--small"
          hoverClass="btn--pressed"
          onClick={() => onWeek(addDays(rota.from, -7))}
        >
          上一周
        </Button>
        <Text>
          {rota.from} 至 {rota.to}
        </Text>
        <Button
          className="btn btn--small"
          hoverClass="btn--pressed"
          onClick={() => onWeek(addDays(rota.from, 7))}
        >
          下一周
        </Button>
      </View>
      {rota.shifts.length === 0 ? <StatusBlock kind="empty" title="这一周没有班次" /> : null}
      {rota.shifts.map((shift) => (
        <ShiftCard
          key={shift.id}
          shift={shift}
          crewAction={(c) => (
            <>
              {(site.may.run || shift.mine) && c.openid !== shift.me?.openid ? (
                <CallButton call={() => callCrew(shift.id, c.openid)} label="拨打" />
              ) : null}
              {site.may.run && !shift.ended ? (
                <Button
                  className="btn btn--small"
                  hoverClass="btn--pressed"
                  onClick={() => void unfill(shift, c)}
                >
                  移出
                </Button>
              ) : null}
            </>
          )}
        >
          {site.may.duty && site.status === 'open' && !shift.ended ? (
            shift.open ? (
              shift.mine ? (
                <Button
                  className="btn btn--secondary btn--block"
                  hoverClass="btn--pressed"
                  onClick={() => void leave(shift)}
                >
                  退出（{shift.changeUntil} 前可退出）
                </Button>
              ) : shift.filled < shift.need ? (
                <Button
                  className="btn btn--primary btn--block"
                  hoverClass="btn--pressed"
                  onClick={() => void act(() => signUp(shift.id), '报名成功')}
                >
                  报名（{shift.changeUntil} 前可报名）
                </Button>
              ) : null
            ) : (
              <Text className="muted">报名已截止，如需调整请联系网格长</Text>
            )
          ) : null}
          {site.may.run && site.status === 'open' && !shift.ended && shift.filled < shift.need ? (
            picking === shift.id ? (
              <FillPicker
                siteId={site.id}
                crew={shift.crew.map((c) => c.openid)}
                onPick={(openid) => {
                  setPicking(null);
                  void act(() => fillShift(shift.id, openid), '已补位');
                }}
                onCancel={() => setPicking(null)}
              />
            ) : (
              <Button
                className="btn btn--primary btn--block"
                hoverClass="btn--pressed"
                onClick={() => setPicking(shift.id)}
              >
                补位
              </Button>
            )
          ) : null}
        </ShiftCard>
      ))}
    </View>
  );
}

/** 补位: the site's staff, fewest hours this week first, so the load is spread. */
function FillPicker({
  siteId,
  crew,
  onPick,
  onCancel,
}: {
  siteId: string;
  crew: string[];
  onPick: (openid: string) => void;
  onCancel: () => void;
}) {
  const load = useCallback(() => getStaffLoad(siteId), [siteId]);
  const { state, reload } = useResource(load);
  return (
    <View className="section">
      <Text className="section__title">选择补位人员（按本周时长从少到多）</Text>
      <ResourcePage state={state} onRetry={reload}>
        {(data) => (
          <View>
            {data.rows
              .filter((r: LoadRow) => !crew.includes(r.openid))
              .map((r: LoadRow) => (
                <View key={r.openid} className="load-row" onClick={() => onPick(r.openid)}>
                  <Text>{r.name}</Text>
                  <Text className="muted">本周 {hoursText(r.minutes)}</Text>
                </View>
              ))}
          </View>
        )}
      </ResourcePage>
      <Button className="btn btn--small" hoverClass="btn--pressed" onClick={onCancel}>
        取消
      </Button>
    </View>
  );
}
