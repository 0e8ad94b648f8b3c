import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { OutsiderSiteView, OutsiderSubmitted } from '@gridguard/types';
import { TextField } from '../../../components/form-field';
import { StatusBlock } from '../../../components/status-block';
import { ToggleSwitch } from '../../../components/toggle-switch';
import { RegionPicker, type RegionPick } from '../../../platform/region-picker';
import { decodeParam } from '../../../routes';
import { outsiderSite, submitOutsiderForm } from '../../../services/checkpoints-gate';
import '../shared.css';

type SiteState =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; site: OutsiderSiteView };

const DOOR_CODE = /^[A-Za-z0-9]{6}$/;

/**
 * 来访登记: what an outsider fills in on their own phone after scanning the site's QR
 * (`?siteId=&token=`): name, phone, where from (the region picker), where to (a door code or an
 * address), purpose, staying, a car. The answer is a short number to show the member at the gate.
 */
export default function OutsiderPage() {
  const params = useRouter().params;
  const siteId = decodeParam(params['siteId']);
  const token = decodeParam(params['token']);
  const [site, setSite] = useState<SiteState>({ status: 'loading' });
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [from, setFrom] = useState<RegionPick | null>(null);
  const [dest, setDest] = useState('');
  const [purpose, setPurpose] = useState('');
  const [staying, setStaying] = useState(false);
  const [plate, setPlate] = useState('');
  const [passengers, setPassengers] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [done, setDone] = useState<OutsiderSubmitted | null>(null);

  useEffect(() => {
    void outsiderSite(siteId, token).then((r) =>
      setSite(r.ok ? { status: 'ready', site: r.data } : { status: 'failed', message: r.message }),
    );
  }, [siteId, token]);

  if (site.status === 'loading') return <StatusBlock kind="loading" title="正在打开卡口…" />;
  if (site.status === 'failed')
    return <StatusBlock kind="error" title="无法打开来访登记" message={site.message} />;
  if (done)
    return (
      <View className="page elder">
        <Text className="page__title">登记已提交</Text>
        <Text className="gate-temp gate-line gate-number">{done.number}</Text>
        <Text className="page__hint">请向卡口值守人员出示此编号，配合测温后通行。</Text>
        {done.destAddress ? <Text className="gate-line">去往：{done.destAddress}</Text> : null}
        <Button className="btn btn--secondary btn--block" onClick={() => setDone(null)}>
          修改登记
        </Button>
      </View>
    );

  const submit = async () => {
    if (busy) return;
    if (!from) return setError('请选择出发地');
    const door = dest.trim();
    setBusy(true);
    setError('');
    const result = await submitOutsiderForm({
      siteId,
      token,
      name,
      phone,
      fromCode: from.code,
      fromName: [from.province, from.city, from.district].join(''),
      ...(DOOR_CODE.test(door) ? { destCode: door } : { destAddress: door }),
      purpose,
      staying,
      ...(plate.trim() && { plate, passengers: Number(passengers) || 1 }),
    });
    setBusy(false);
    if (!result.ok) return setError(result.message);
    setDone(result.data);
  };
  const fromValue = from ?? { province: '', city: '', district: '' };
  return (
    <View className="page elder">
      <Text className="page__title">
        {site.site.name}（{site.site.kindLabel}）来访登记
      </Text>
      <TextField label="姓名" value={name} onChange={setName} maxlength={20} />
      <TextField label="手机号" type="number" value={phone} onChange={setPhone} maxlength={11} />
      <RegionPicker value={fromValue} onPick={setFrom}>
        <View className="text-input gate-region">
          <Text>
            {from ? `出发地：${from.province}${from.city}${from.district}` : '选择出发地（省市区）'}
          </Text>
        </View>
      </RegionPicker>
      <TextField
        label="去往住户"
        hint="填写住户门上的 6 位门牌码，或地址"
        value={dest}
        onChange={setDest}
        maxlength={60}
      />
      <TextField label="来访事由" value={purpose} onChange={setPurpose} maxlength={40} />
      <View className="gate-choice">
        <Text>是否留宿</Text>
        <ToggleSwitch checked={staying} onChange={setStaying} onText="留宿" offText="不留宿" />
      </View>
      <TextField label="车牌号" optional value={plate} onChange={setPlate} maxlength={10} />
      {plate.trim() ? (
        <TextField
          label="车上人数（含司机）"
          type="number"
          value={passengers}
          onChange={setPassengers}
          maxlength={1}
        />
      ) : null}
      {error ? <Text className="form-field__error">{error}</Text> : null}
      <Button
        className="btn btn--primary btn--block"
        disabled={busy ? true : undefined}
        onClick={() => void submit()}
      >
        {busy ? '正在提交…' : '提交登记'}
      </Button>
    </View>
  );
}
