import { Button, Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { PASS_PATTERN, type Direction, type FeverClinic } from '@gridguard/types';
import { ChoiceChips } from '../../../components/choice-chips';
import { FormField, TextField } from '../../../components/form-field';
import { PagedStates } from '../../../components/paged-states';
import { MissingGrid } from '../../../components/status-block';
import { usePagedList } from '../../../hooks/use-paged-list';
import { platform } from '../../../platform';
import { decodeParam, openPage, routes } from '../../../routes';
import {
  DIRECTION_LABELS,
  FEVER_THRESHOLD_C,
  findResident,
  logOutsider,
  logResident,
  logVehicle,
  newClientId,
  outsiderWaiting,
  scanPass,
  type LogResult,
  type OutsiderFormView,
  type ResidentHit,
} from '../../../services/checkpoints-gate';
import '../shared.css';

type Mode = 'resident' | 'outsider' | 'vehicle';
const MODES: { value: Mode; label: string }[] = [
  { value: 'resident', label: '居民' },
  { value: 'outsider', label: '外来人员' },
  { value: 'vehicle', label: '车辆' },
];
const DIRECTIONS: { value: Direction; label: string }[] = [
  { value: 'in', label: DIRECTION_LABELS.in },
  { value: 'out', label: DIRECTION_LABELS.out },
];

/** Who is about to pass, once found: the one tap that logs them carries this. */
type Subject =
  | { kind: 'resident'; label: string; via: 'code' | 'name'; personId: string; warn: string | null }
  | { kind: 'pass'; label: string; pass: string; warn: string | null }
  | { kind: 'form'; label: string; formId: string; vehicle: boolean; warn: string | null };

/**
 * 值守登记 at a gate (`?siteId=`): find a resident by 门牌码, 姓名 or 扫通行码, or pick an
 * outsider's form waiting at the gate, or type a vehicle; take the temperature, pick 进/出, log.
 * A fever shows the red 劝返 screen with the 发热门诊 to call; an outsider from a risk area who is
 * staying offers the visited household's page for 返乡登记.
 */
export default function DutyPage() {
  const siteId = decodeParam(useRouter().params['siteId']);
  const [mode, setMode] = useState<Mode>('resident');
  const [direction, setDirection] = useState<Direction>('in');
  const [temperature, setTemperature] = useState('');
  const [subject, setSubject] = useState<Subject | null>(null);
  const [plate, setPlate] = useState('');
  const [passengers, setPassengers] = useState('1');
  const [busy, setBusy] = useState(false);
  const [clientId, setClientId] = useState(newClientId);
  const [result, setResult] = useState<LogResult | null>(null);
  const [error, setError] = useState('');
  if (!siteId) return <MissingGrid />;

  const celsius = Number(temperature);
  const readyTemp = temperature !== '' && Number.isFinite(celsius);
  const submit = async () => {
    if (busy) return;
    if (!readyTemp) return setError('请填写体温');
    const p = { siteId, clientId, direction, temperature: celsius };
    setBusy(true);
    setError('');
    const answer =
      mode === 'vehicle' && !subject
        ? await logVehicle(p, plate, Number(passengers))
        : !subject
          ? null
          : subject.kind === 'resident'
            ? await logResident(p, { via: subject.via, personId: subject.personId })
            : subject.kind === 'pass'
              ? await logResident(p, { via: 'pass', pass: subject.pass })
              : await logOutsider(p, subject.formId, subject.vehicle);
    setBusy(false);
    if (!answer) return setError('请先找到要登记的人');
    if (!answer.ok) return setError(answer.message);
    setResult(answer.data);
  };
  const next = () => {
    setResult(null);
    setSubject(null);
    setTemperature('');
    setPlate('');
    setClientId(newClientId());
  };

  if (result) return <Outcome result={result} onNext={next} />;
  return (
    <View className="page elder">
      <ChoiceChips options={MODES} value={mode} onChange={(m) => (setMode(m), setSubject(null))} />
      {mode === 'resident' ? (
        <ResidentFinder siteId={siteId} onPick={setSubject} />
      ) : (
        <WaitingForms siteId={siteId} vehicles={mode === 'vehicle'} onPick={setSubject} />
      )}
      {mode === 'vehicle' && !subject ? (
        <View className="card">
          <TextField
            label="车牌号"
            value={plate}
            onChange={setPlate}
            placeholder="如 粤E12345"
            maxlength={10}
          />
          <TextField
            label="车上人数（含司机）"
            type="number"
            value={passengers}
            onChange={setPassengers}
            maxlength={1}
          />
        </View>
      ) : null}
      {subject ? (
        <View className="card">
          <Text className="gate-line">登记：{subject.label}</Text>
          {subject.warn ? <Text className="gate-line gate-flag">{subject.warn}</Text> : null}
        </View>
      ) : null}
      <FormField label="体温（℃）" hint={`${FEVER_THRESHOLD_C}℃ 及以上劝返`}>
        <Input
          className="text-input gate-temp"
          type="digit"
          value={temperature}
          placeholder="36.5"
          maxlength={4}
          onInput={(e) => setTemperature(e.detail.value)}
        />
      </FormField>
      <ChoiceChips options={DIRECTIONS} value={direction} onChange={setDirection} />
      {error ? <Text className="form-field__error">{error}</Text> : null}
      <Button
        className="btn btn--primary btn--block"
        disabled={busy ? true : undefined}
        onClick={() => void submit()}
      >
        {busy ? '正在登记…' : '登记'}
      </Button>
      <Button
        className="btn btn--secondary btn--block"
        onClick={() => openPage(routes.checkpointLog(siteId))}
      >
        查看登记记录
      </Button>
    </View>
  );
}

const warningOf = (hit: ResidentHit) =>
  hit.flags.abnormal
    ? '异常：请联系网格长核实'
    : hit.flags.observing
      ? '居家观察中：不应外出，请劝返并联系网格长'
      : null;

function ResidentFinder({ siteId, onPick }: { siteId: string; onPick: (s: Subject) => void }) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<ResidentHit[] | null>(null);
  const [error, setError] = useState('');
  const look = async () => {
    const text = query.trim();
    if (!text) return setError('请输入门牌码或姓名');
    setError('');
    if (PASS_PATTERN.test(text)) return byPass(text);
    const code = /^[A-Za-z0-9]{6}$/.test(text);
    const result = await findResident(siteId, code ? { code: text } : { name: text });
    if (!result.ok) return setError(result.message);
    setHits(result.data.items);
    if (result.data.items.length === 0) setError('没有找到，请核对');
  };
  /** A pass, scanned by the camera or pasted (a preview without a camera): verified, not used. */
  const byPass = async (pass: string) => {
    const result = await findResident(siteId, { pass });
    if (!result.ok) return setError(result.message);
    const hit = result.data.items[0];
    if (hit)
      onPick({ kind: 'pass', pass, label: `${hit.name} ${hit.address}`, warn: warningOf(hit) });
  };
  const scan = async () => {
    const scanned = await scanPass();
    if (!scanned.ok) return setError(scanned.message);
    if (scanned.data !== null) await byPass(scanned.data);
  };
  return (
    <View className="card">
      <TextField
        label="门牌码、姓名或通行码"
        value={query}
        onChange={setQuery}
        maxlength={200}
        error={error || undefined}
      />
      <View className="btn-row">
        <Button className="btn btn--primary btn--small" onClick={() => void look()}>
          查找
        </Button>
        {platform.scanCode ? (
          <Button className="btn btn--secondary btn--small" onClick={() => void scan()}>
            扫通行码
          </Button>
        ) : null}
      </View>
      {hits?.map((hit) => (
        <View
          key={hit.personId}
          className="gate-line"
          onClick={() =>
            onPick({
              kind: 'resident',
              via: /^[A-Za-z0-9]{6}$/.test(query.trim()) ? 'code' : 'name',
              personId: hit.personId,
              label: `${hit.name} ${hit.address}`,
              warn: warningOf(hit),
            })
          }
        >
          <Text>
            {hit.name}　{hit.address}
          </Text>
          {warningOf(hit) ? (
            <Text className="gate-flag">　{hit.flags.abnormal ? '异常' : '居家观察中'}</Text>
          ) : null}
        </View>
      ))}
    </View>
  );
}

function WaitingForms({
  siteId,
  vehicles,
  onPick,
}: {
  siteId: string;
  vehicles: boolean;
  onPick: (s: Subject) => void;
}) {
  const fetchPage = useCallback((page: number) => outsiderWaiting(siteId, page), [siteId]);
  const list = usePagedList(fetchPage, {
    topics: ['checkpoints'],
    live: true,
  });
  return (
    <PagedStates
      list={list}
      failedTitle="待确认登记加载失败"
      empty={{ title: '暂无待确认的来访登记', message: '请来访人员扫描卡口二维码自行填写' }}
    >
      {(items) => (
        <>
          {items
            .filter((f) => !vehicles || f.plate !== null)
            .map((form) => (
              <FormRow
                key={form.formId}
                form={form}
                onPick={() =>
                  onPick({
                    kind: 'form',
                    formId: form.formId,
                    vehicle: vehicles,
                    label: `${form.number} ${form.name}${form.plate ? ` ${form.plate}` : ''}`,
                    warn: form.fromRisk ? '来自风险地区' : null,
                  })
                }
              />
            ))}
        </>
      )}
    </PagedStates>
  );
}

function FormRow({ form, onPick }: { form: OutsiderFormView; onPick: () => void }) {
  return (
    <View className="card" onClick={onPick}>
      <Text className="gate-line">
        {form.number}　{form.name}　{form.phoneMasked}
      </Text>
      <Text className="gate-line">
        来自{form.fromName}
        {form.fromRisk ? <Text className="gate-flag">（来自风险地区）</Text> : null}
      </Text>
      <Text className="gate-line">
        去往{form.destAddress}，{form.purpose}
        {form.staying ? '，留宿' : ''}
      </Text>
      {form.plate ? (
        <Text className="gate-line">
          车辆 {form.plate}，{form.passengers} 人
        </Text>
      ) : null}
    </View>
  );
}

function Outcome({ result, onNext }: { result: LogResult; onNext: () => void }) {
  if (result.outcome === 'turnedBack')
    return (
      <View className="page elder">
        <View className="gate-turned-back">
          <Text className="gate-turned-back__title">劝返</Text>
          <Text className="gate-line">体温异常，请劝返并引导前往发热门诊就诊，已通知网格长。</Text>
        </View>
        {(result.clinics ?? []).map((c: FeverClinic) => (
          <View key={c.name} className="card">
            <Text className="gate-line">{c.name}</Text>
            <Text className="gate-line muted">{c.address}</Text>
            <Button
              className="btn btn--primary btn--block"
              onClick={() => void platform.makePhoneCall(c.phone, c.name)}
            >
              拨打 {c.phone}
            </Button>
          </View>
        ))}
        {(result.clinics ?? []).length === 0 ? (
          <Text className="page__hint">指挥部尚未设置发热门诊，请拨打 120。</Text>
        ) : null}
        <Button className="btn btn--secondary btn--block" onClick={onNext}>
          登记下一位
        </Button>
      </View>
    );
  return (
    <View className="page elder">
      <Text className="page__title">{result.replay ? '已登记（重复提交）' : '已放行'}</Text>
      {result.returnPrompt ? (
        <View className="card">
          <Text className="gate-line gate-flag">
            来自风险地区并留宿：请为 {result.returnPrompt.address} 办理返乡登记
          </Text>
          <Button
            className="btn btn--primary btn--block"
            onClick={() => {
              const prompt = result.returnPrompt;
              if (prompt) openPage(routes.registerHousehold(prompt.householdId, ''));
            }}
          >
            去返乡登记
          </Button>
        </View>
      ) : null}
      <Button className="btn btn--primary btn--block" onClick={onNext}>
        登记下一位
      </Button>
    </View>
  );
}
