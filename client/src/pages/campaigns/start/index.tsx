import { Picker, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import {
  addDays,
  chinaToday,
  MAX_CAMPAIGN_DAYS,
  START_DAYS_AHEAD,
  START_DAYS_BACK,
} from '@gridguard/types';
import { ChoiceChips } from '../../../components/choice-chips';
import { FormField, TextField } from '../../../components/form-field';
import { MissingGrid, ResourcePage, StatusBlock } from '../../../components/status-block';
import { SubmitBar } from '../../../components/submit-bar';
import { useFormSubmit } from '../../../hooks/use-form-submit';
import { useResource } from '../../../hooks/use-resource';
import { toastDone } from '../../../interaction';
import { decodeParam, routes } from '../../../routes';
import {
  newClientId,
  LETTER_TARGET_KINDS,
  OPEN_TARGET_KINDS,
  startCampaign,
  TARGET_KIND_LABELS,
  type TargetKind,
} from '../../../services/campaigns';
import { getGridDetail, type GridDetail } from '../../../services/grids';
import { ChecklistBuilder, itemInput, STARTING_ITEMS, type ItemDraft } from './checklist-builder';

type Field =
  'name' | 'kind' | 'startDay' | 'endDay' | 'rounds' | 'maxAttempts' | 'checklist' | 'letter';

const KIND_OPTIONS = OPEN_TARGET_KINDS.map((kind) => ({
  value: kind,
  label: TARGET_KIND_LABELS[kind],
}));

/** 发起排查 under a node the caller leads (`?gridId=`). */
export default function CampaignStartPage() {
  const gridId = decodeParam(useRouter().params.gridId);
  if (!gridId) return <MissingGrid />;
  return <StartLoader gridId={gridId} />;
}

function StartLoader({ gridId }: { gridId: string }) {
  const load = useCallback(() => getGridDetail(gridId), [gridId]);
  const { state, reload } = useResource(load);
  return (
    <ResourcePage state={state} onRetry={reload}>
      {(detail) =>
        detail.can.manage ? (
          <StartForm detail={detail} />
        ) : (
          <View className="page">
            <StatusBlock kind="error" title="无法发起" message="只有本网格的网格长可以发起排查" />
          </View>
        )
      }
    </ResourcePage>
  );
}

const whole = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

function StartForm({ detail }: { detail: GridDetail }) {
  const today = chinaToday();
  const [key] = useState(newClientId);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<TargetKind>('household');
  const [startDay, setStartDay] = useState(today);
  const [endDay, setEndDay] = useState(addDays(today, 6));
  const [rounds, setRounds] = useState('2');
  const [maxAttempts, setMaxAttempts] = useState('3');
  const [items, setItems] = useState<ItemDraft[]>(STARTING_ITEMS);
  const [letter, setLetter] = useState('');
  const form = useFormSubmit<Field>();
  // Someone answers for a rental or an enterprise and signs for it; a household has nobody.
  const withLetter = LETTER_TARGET_KINDS.includes(kind);

  const onSubmit = async () => {
    const errors: Partial<Record<Field, string>> = {};
    if (!name.trim()) errors.name = '请填写排查名称';
    if (!(whole(rounds) >= 1 && whole(rounds) <= 10)) errors.rounds = '轮次应为 1–10';
    if (!(whole(maxAttempts) >= 1 && whole(maxAttempts) <= 10)) {
      errors.maxAttempts = '回访次数应为 1–10';
    }
    if (items.some((item) => !item.label.trim())) errors.checklist = '请填写每个检查项，或删除空项';
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      return;
    }
    const started = await form.send(() =>
      startCampaign({
        gridId: detail.node.id,
        key,
        name,
        kind,
        startDay,
        endDay,
        rounds: whole(rounds),
        maxAttempts: whole(maxAttempts),
        checklist: items.map(itemInput),
        ...(withLetter && letter.trim() && { letter }),
      }),
    );
    if (!started) return;
    toastDone('已发起');
    void Taro.redirectTo({ url: routes.campaign(started.data.id, detail.node.id) });
  };

  return (
    <View className="page campaign-start">
      <Text className="page__title">发起排查</Text>
      <Text className="page__hint">在「{detail.node.name}」下逐户走访，每轮都要走访全部对象</Text>
      <TextField
        label="排查名称"
        error={form.errors.name}
        value={name}
        maxlength={30}
        placeholder="如：第一轮洗楼"
        onChange={(text) => {
          setName(text);
          form.fixed('name');
        }}
      />
      <FormField label="排查对象" error={form.errors.kind}>
        <ChoiceChips options={KIND_OPTIONS} value={kind} onChange={setKind} />
      </FormField>
      <FormField label="开始日期" error={form.errors.startDay}>
        <Picker
          mode="date"
          value={startDay}
          start={addDays(today, -START_DAYS_BACK)}
          end={addDays(today, START_DAYS_AHEAD)}
          onChange={(e) => {
            setStartDay(e.detail.value);
            form.fixed('startDay');
          }}
        >
          <View className="text-input">{startDay}</View>
        </Picker>
      </FormField>
      <FormField label="结束日期" error={form.errors.endDay} hint={`最长 ${MAX_CAMPAIGN_DAYS} 天`}>
        <Picker
          mode="date"
          value={endDay}
          start={startDay}
          end={addDays(startDay, MAX_CAMPAIGN_DAYS - 1)}
          onChange={(e) => {
            setEndDay(e.detail.value);
            form.fixed('endDay');
          }}
        >
          <View className="text-input">{endDay}</View>
        </Picker>
      </FormField>
      <TextField
        label="轮次"
        hint="每一轮都要走访全部对象，1–10 轮"
        error={form.errors.rounds}
        type="number"
        value={rounds}
        maxlength={2}
        onChange={(text) => {
          setRounds(text);
          form.fixed('rounds');
        }}
      />
      <TextField
        label="无人在家几次后提醒网格长"
        hint="同一轮内多次无人在家，将标记给网格长处理"
        error={form.errors.maxAttempts}
        type="number"
        value={maxAttempts}
        maxlength={2}
        onChange={(text) => {
          setMaxAttempts(text);
          form.fixed('maxAttempts');
        }}
      />
      <View className="section">
        <View className="section__head">
          <Text className="section__title">检查清单</Text>
          <Text className="section__meta">{items.length} 项</Text>
        </View>
        {form.errors.checklist ? (
          <Text className="notice notice--error">{form.errors.checklist}</Text>
        ) : null}
        <ChecklistBuilder
          items={items}
          onChange={(next) => {
            setItems(next);
            form.fixed('checklist');
          }}
        />
      </View>
      {withLetter ? (
        <TextField
          label="责任书"
          optional
          hint={`走访时由${kind === 'rental' ? '房东' : '企业负责人'}在网格员手机上签名确认；发起后不能修改`}
          error={form.errors.letter}
          value={letter}
          maxlength={2000}
          placeholder="责任书正文"
          onChange={setLetter}
        />
      ) : null}
      <SubmitBar
        message={form.message}
        busy={form.busy}
        label="发起排查"
        busyLabel="提交中…"
        onSubmit={() => void onSubmit()}
      />
    </View>
  );
}
