import { Button, Picker, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { ChoiceChips } from '../../../components/choice-chips';
import { FormField, TextField } from '../../../components/form-field';
import { ResourcePage, StatusBlock } from '../../../components/status-block';
import { useFormSubmit } from '../../../hooks/use-form-submit';
import { useResource } from '../../../hooks/use-resource';
import { toastDone } from '../../../interaction';
import { decodeParam, openPage, routes } from '../../../routes';
import {
  createSite,
  editSite,
  getSite,
  MAX_CREW_PER_SHIFT,
  MAX_SHIFTS_PER_DAY,
  PLAN_PRESETS,
  shiftMinutes,
  SITE_KIND_LABELS,
  SITE_KINDS,
  submissionKey,
  type ShiftPlanItem,
  type SiteFields,
  type SiteView,
} from '../../../services/checkpoints-rota';
import '../shared/index.css';

const KIND_OPTIONS = SITE_KINDS.map((value) => ({ value, label: SITE_KIND_LABELS[value] }));
type Field = 'name' | 'kind' | 'place' | 'plan';

/** 新建卡口 on a node (`?gridId=`), or 编辑 a site (`?siteId=`): name, kind, place, shift plan. */
export default function SiteFormPage() {
  const params = useRouter().params;
  const gridId = decodeParam(params.gridId);
  const siteId = decodeParam(params.siteId);
  if (siteId) return <EditLoader siteId={siteId} />;
  if (gridId) return <SiteForm gridId={gridId} site={null} />;
  return <StatusBlock kind="error" title="缺少网格" message="请从网格详情的「卡口值守」进入" />;
}

function EditLoader({ siteId }: { siteId: string }) {
  const load = useCallback(() => getSite(siteId), [siteId]);
  const { state, reload } = useResource(load);
  return (
    <ResourcePage state={state} onRetry={reload}>
      {(site) => <SiteForm gridId={site.gridId} site={site} />}
    </ResourcePage>
  );
}

function SiteForm({ gridId, site }: { gridId: string; site: SiteView | null }) {
  const [key] = useState(submissionKey);
  const [name, setName] = useState(site?.name ?? '');
  const [kind, setKind] = useState<SiteFields['kind'] | null>(site?.kind ?? null);
  const [place, setPlace] = useState(site?.place ?? '');
  const [plan, setPlan] = useState<ShiftPlanItem[]>(site?.plan ?? PLAN_PRESETS[1]?.plan ?? []);
  const { errors, fixed, message, busy, send } = useFormSubmit<Field>();

  const setItem = (index: number, change: Partial<ShiftPlanItem>) => {
    fixed('plan');
    setPlan((items) => items.map((item, i) => (i === index ? { ...item, ...change } : item)));
  };
  const addItem = () => setPlan((items) => [...items, { start: '08:00', end: '16:00', need: 2 }]);
  const removeItem = (index: number) => setPlan((items) => items.filter((_, i) => i !== index));

  const submit = async () => {
    const fields = { name, kind: kind ?? ('' as SiteFields['kind']), place, plan };
    const done = await send(() =>
      site ? editSite(site.id, fields) : createSite(gridId, key, fields),
    );
    if (!done) return;
    toastDone(site ? '已保存' : '卡口已建立');
    if (site) void Taro.navigateBack();
    else void Taro.redirectTo({ url: routes.checkpointRota(done.data.id) });
  };

  return (
    <View className="page">
      <Text className="page__title">{site ? '编辑卡口' : '新建卡口'}</Text>
      <TextField
        label="卡口名称"
        value={name}
        onChange={(v) => {
          fixed('name');
          setName(v);
        }}
        maxlength={30}
        placeholder="如 东街村口"
        error={errors.name}
      />
      <FormField label="卡口类型" error={errors.kind}>
        <ChoiceChips
          options={KIND_OPTIONS}
          value={kind}
          onChange={(v) => {
            fixed('kind');
            setKind(v);
          }}
        />
      </FormField>
      <TextField
        label="位置"
        value={place}
        onChange={(v) => {
          fixed('place');
          setPlace(v);
        }}
        maxlength={40}
        placeholder="如 东街牌坊下"
        error={errors.place}
      />
      <FormField
        label="每天的班次"
        hint={
          site
            ? '修改班次从后天起生效；已有人报名的班次保持不变'
            : '每班不超过 12 小时；结束早于开始表示跨夜'
        }
        error={errors.plan}
      >
        <View className="btn-row">
          {PLAN_PRESETS.map((preset) => (
            <Button
              key={preset.label}
              className="btn btn--secondary btn--small"
              hoverClass="btn--pressed"
              onClick={() => {
                fixed('plan');
                setPlan(preset.plan);
              }}
            >
              {preset.label}
            </Button>
          ))}
        </View>
        {plan.map((item, index) => (
          <View key={index} className="plan-item">
            <Picker
              mode="time"
              value={item.start}
              onChange={(e) => setItem(index, { start: String(e.detail.value) })}
            >
              <View className="plan-item__time">{item.start}</View>
            </Picker>
            <Text>至</Text>
            <Picker
              mode="time"
              value={item.end}
              onChange={(e) => setItem(index, { end: String(e.detail.value) })}
            >
              <View className="plan-item__time">{item.end}</View>
            </Picker>
            <Text className="muted">
              {Math.round(shiftMinutes(item.start, item.end) / 6) / 10} 小时
            </Text>
            <Picker
              mode="selector"
              range={Array.from({ length: MAX_CREW_PER_SHIFT }, (_, i) => `${i + 1} 人`)}
              value={item.need - 1}
              onChange={(e) => setItem(index, { need: Number(e.detail.value) + 1 })}
            >
              <View className="plan-item__time">每班 {item.need} 人</View>
            </Picker>
            {plan.length > 1 ? (
              <Button
                className="btn btn--small"
                hoverClass="btn--pressed"
                onClick={() => removeItem(index)}
              >
                删除
              </Button>
            ) : null}
          </View>
        ))}
        {plan.length < MAX_SHIFTS_PER_DAY ? (
          <Button
            className="btn btn--secondary btn--small"
            hoverClass="btn--pressed"
            onClick={addItem}
          >
            添加班次
          </Button>
        ) : null}
      </FormField>
      {message ? <Text className="notice notice--error">{message}</Text> : null}
      <Button
        className="btn btn--primary btn--block"
        hoverClass="btn--pressed"
        disabled={busy ? true : undefined}
        onClick={() => void submit()}
      >
        {busy ? '正在保存…' : site ? '保存' : '建立卡口'}
      </Button>
      {site ? (
        <Button
          className="btn btn--secondary btn--block"
          hoverClass="btn--pressed"
          onClick={() => openPage(routes.checkpointRota(site.id))}
        >
          返回排班表
        </Button>
      ) : null}
    </View>
  );
}
