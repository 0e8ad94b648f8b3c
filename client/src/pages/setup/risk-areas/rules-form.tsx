import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { EARLIEST_DAY, RISK_LEVEL_LABELS } from '@gridguard/types';
import { TextField } from '../../../components/form-field';
import { SubmitBar } from '../../../components/submit-bar';
import { useFormSubmit } from '../../../hooks/use-form-submit';
import { askToConfirm, confirmDestructive, toastDone } from '../../../interaction';
import {
  saveRiskAreas,
  type RiskArea,
  type RiskAreaInput,
  type RulesView,
} from '../../../services/setup';
import { AddArea, areaName } from './add-area';

const MAX_AREAS = 200;

/**
 * What saveRules takes for an area in force. One stored without a day has counted for every
 * return, so it keeps doing so from the earliest day; one without a code cannot be sent.
 */
function toInput(area: RiskArea): RiskAreaInput | null {
  if (!area.code) return null;
  return {
    province: area.province,
    city: area.city ?? '',
    district: area.district ?? '',
    code: area.code,
    level: area.level,
    since: area.since ?? EARLIEST_DAY,
  };
}

/** The list being edited, 添加风险地区 and 观察天数; nothing is sent before 保存 and its dialog. */
export function RulesForm({
  current,
  onSaved,
}: {
  current: RulesView;
  onSaved: (rules: RulesView) => void;
}) {
  const [areas, setAreas] = useState<RiskArea[]>(() => [...current.riskAreas]);
  const [days, setDays] = useState(String(current.observationDays));
  const [changed, setChanged] = useState(false);
  const { errors, setErrors, message, setMessage, busy, send } = useFormSubmit();

  const remove = async (index: number) => {
    const area = areas[index];
    if (!area) return;
    const confirmed = await confirmDestructive(
      `从列表中删除「${areaName(area)}」？点「保存」后生效。`,
      '删除',
    );
    if (!confirmed) return;
    setAreas((previous) => previous.filter((_, i) => i !== index));
    setChanged(true);
  };

  const add = (area: RiskAreaInput): string | null => {
    if (areas.some((listed) => listed.code === area.code)) return '该地区已在列表中';
    if (areas.length >= MAX_AREAS) return `风险地区最多 ${MAX_AREAS} 个`;
    setAreas((previous) => [...previous, area]);
    setChanged(true);
    return null;
  };

  const save = async () => {
    if (busy) return;
    setMessage(null);
    const observationDays = Number(days.trim());
    if (!Number.isInteger(observationDays) || observationDays < 7 || observationDays > 28) {
      setErrors({ observationDays: '观察天数为 7–28 天' });
      return;
    }
    const inputs: RiskAreaInput[] = [];
    for (const area of areas) {
      const input = toInput(area);
      if (!input) {
        setMessage(`「${areaName(area)}」缺少地区代码，请删除后重新添加`);
        return;
      }
      inputs.push(input);
    }
    setErrors({});
    const confirmed = await askToConfirm(
      '保存风险地区',
      `共 ${inputs.length} 个中高风险地区，观察 ${observationDays} 天。保存后新登记的返乡人员按此分类。`,
      // Taro's h5 dialog (and WeChat) refuse a confirm label longer than four characters.
      '确认保存',
    );
    if (!confirmed) return;
    const sent = await send(() => saveRiskAreas(inputs, observationDays));
    if (!sent) return;
    toastDone('已保存');
    onSaved(sent.data);
  };

  return (
    <>
      <View className="section">
        <View className="section__head">
          <Text className="section__title">生效中的地区</Text>
          <Text className="section__meta">共 {areas.length} 个</Text>
        </View>
        <View className="card">
          {areas.length === 0 ? (
            <Text className="risk-areas__empty">目前没有中高风险地区</Text>
          ) : (
            areas.map((area, index) => (
              <View key={area.code ?? `${areaName(area)}-${index}`} className="risk-area">
                <View className="risk-area__main">
                  <Text className="risk-area__name">
                    {areaName(area)}
                    <Text className={`tag risk-area__level risk-area__level--${area.level}`}>
                      {RISK_LEVEL_LABELS[area.level]}
                    </Text>
                  </Text>
                  <Text className="risk-area__since">
                    {area.since ? `${area.since} 起` : '不限抵达日期'}
                  </Text>
                  {area.code ? null : (
                    <Text className="form-field__error">
                      缺少地区代码：请删除后用「选择省市区」重新添加
                    </Text>
                  )}
                </View>
                <Button
                  className="btn btn--danger btn--small"
                  hoverClass="btn--pressed"
                  onClick={() => void remove(index)}
                >
                  删除
                </Button>
              </View>
            ))
          )}
        </View>
      </View>
      <View className="section">
        <View className="section__head">
          <Text className="section__title">添加风险地区</Text>
        </View>
        <AddArea onAdd={add} />
      </View>
      <View className="section card">
        <TextField
          label="观察天数"
          hint="居家医学观察的天数，7–28 天"
          error={errors.observationDays}
          type="number"
          maxlength={2}
          value={days}
          onChange={(text) => {
            setDays(text);
            setChanged(true);
          }}
        />
        {changed ? <Text className="notice">有未保存的修改，点「保存」后生效</Text> : null}
        <SubmitBar
          message={message}
          busy={busy}
          label="保存"
          busyLabel="保存中…"
          onSubmit={() => void save()}
        />
      </View>
    </>
  );
}
