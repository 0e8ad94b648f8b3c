import { Button, Input, Picker, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ChoiceChips } from '../../components/choice-chips';
import { FormField, TextField } from '../../components/form-field';
import { SymptomPicker } from '../../components/symptom-picker';
import { scrollToFirstError, toastDone } from '../../interaction';
import { RegionPicker } from '../../platform/region-picker';
import { type ObservationView, type Symptom } from '../../services/health';
import {
  TRANSPORT_LABELS,
  TRANSPORT_MODES,
  arrivalWindow,
  chinaToday,
  declarationErrors,
  declareReturn,
  errorFor,
  type DeclarationInput,
  type Place,
  type ReturnDeclaration,
  type TransportMode,
} from '../../services/returns';

interface PlaceDraft {
  province: string;
  city: string;
  district: string;
  /** Set by the region picker only: typed names may not match any code. */
  code?: string | undefined;
}

const EMPTY_PLACE: PlaceDraft = { province: '', city: '', district: '' };

const TRANSPORT_OPTIONS = TRANSPORT_MODES.map((mode) => ({
  value: mode,
  label: TRANSPORT_LABELS[mode],
}));

type Contact = 'yes' | 'no';
const CONTACT_OPTIONS: readonly { value: Contact; label: string }[] = [
  { value: 'yes', label: '是' },
  { value: 'no', label: '否' },
];

const toDraft = (place: Place): PlaceDraft => ({
  province: place.province,
  city: place.city,
  district: place.district,
  code: place.code,
});

/** Only what was typed: blank city and district are left out, the server checks the rest. */
function toPlace(draft: PlaceDraft) {
  const city = draft.city.trim();
  const district = draft.district.trim();
  return {
    province: draft.province.trim(),
    ...(city && { city }),
    ...(district && { district }),
    ...(draft.code && { code: draft.code }),
  };
}

export interface ReturnFormProps {
  personId: string;
  name: string;
  /** The person has a return registered already: submitting updates it. */
  registered: boolean;
  /** The declaration stored last time, to start from when editing; null for a blank form. */
  initial: ReturnDeclaration | null;
  onDeclared: (observation: ObservationView) => void;
}

export function ReturnForm({ personId, name, registered, initial, onDeclared }: ReturnFormProps) {
  const today = chinaToday();
  const arrival = arrivalWindow();
  const [origin, setOrigin] = useState<PlaceDraft>(initial ? toDraft(initial.origin) : EMPTY_PLACE);
  const [via, setVia] = useState<PlaceDraft[]>(initial ? initial.via.map(toDraft) : []);
  const [transport, setTransport] = useState<TransportMode | null>(initial?.transport ?? null);
  const [transportNumber, setTransportNumber] = useState(initial?.transportNumber ?? '');
  const [departureDay, setDepartureDay] = useState(initial?.departureDay ?? today);
  const [arrivalDay, setArrivalDay] = useState(initial?.arrivalDay ?? today);
  const [contact, setContact] = useState<Contact | null>(
    initial ? (initial.contactWithCases ? 'yes' : 'no') : null,
  );
  const [symptoms, setSymptoms] = useState<Symptom[]>(initial ? [...initial.symptoms] : []);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const clearError = (field: string) =>
    setErrors((previous) => {
      const next: Record<string, string> = {};
      for (const [key, value] of Object.entries(previous)) {
        if (key !== field && !key.startsWith(`${field}.`)) next[key] = value;
      }
      return next;
    });

  const setViaAt = (index: number, place: PlaceDraft) => {
    setVia((previous) => previous.map((old, i) => (i === index ? place : old)));
    clearError(`via.${index}`);
  };

  /** The checks worth a round trip saved; the server validates everything again. */
  const localErrors = (): Record<string, string> => {
    const found: Record<string, string> = {};
    if (!origin.province.trim()) found['origin.province'] = '请填写出发地省份';
    via.forEach((place, index) => {
      if (!place.province.trim()) found[`via.${index}.province`] = '请填写途经地省份，或删除这一行';
    });
    if (!transport) found.transport = '请选择交通方式';
    if (departureDay > arrivalDay) found.departureDay = '出发日期不能晚于抵达日期';
    if (!contact) found.contactWithCases = '请说明是否接触过确诊或疑似病例';
    return found;
  };

  const refuse = (found: Record<string, string>, why: string | null) => {
    setErrors(found);
    setMessage(why ?? summary(found));
    scrollToFirstError();
  };

  const submit = async () => {
    if (busy) return;
    const found = localErrors();
    setMessage(null);
    if (!transport || !contact || Object.keys(found).length > 0) {
      refuse(found, null);
      return;
    }
    const number = transportNumber.trim();
    const declaration: DeclarationInput = {
      origin: toPlace(origin),
      ...(via.length > 0 && { via: via.map(toPlace) }),
      transport,
      ...(number && { transportNumber: number }),
      departureDay,
      arrivalDay,
      contactWithCases: contact === 'yes',
      symptoms,
    };
    setBusy(true);
    setErrors({});
    const result = await declareReturn(personId, declaration);
    setBusy(false);
    if (result.ok) {
      toastDone(registered ? '已更新' : '已登记');
      onDeclared(result.data);
    } else {
      const fromServer = declarationErrors(result.issues);
      refuse(fromServer, Object.keys(fromServer).length > 0 ? summary(fromServer) : result.message);
    }
  };

  return (
    <View className="card return-form">
      <FormField label="出发地" error={errorFor(errors, 'origin')}>
        <PlaceInputs
          value={origin}
          onChange={(place) => {
            setOrigin(place);
            clearError('origin');
          }}
        />
      </FormField>
      <FormField label="途经地" optional hint="中转、停留过的地方" error={errorFor(errors, 'via')}>
        {via.map((place, index) => (
          <View key={index} className="return-via">
            <View className="return-via__head">
              <Text className="return-via__title">途经地 {index + 1}</Text>
              <Button
                className="btn btn--secondary btn--small"
                hoverClass="btn--pressed"
                onClick={() => {
                  setVia((previous) => previous.filter((_, i) => i !== index));
                  clearError('via');
                }}
              >
                删除
              </Button>
            </View>
            <PlaceInputs value={place} onChange={(next) => setViaAt(index, next)} />
          </View>
        ))}
        <Button
          className="btn btn--secondary btn--block return-via__add"
          hoverClass="btn--pressed"
          onClick={() => setVia((previous) => [...previous, EMPTY_PLACE])}
        >
          添加途经地
        </Button>
      </FormField>
      <FormField label="交通方式" error={errors.transport}>
        <ChoiceChips
          options={TRANSPORT_OPTIONS}
          value={transport}
          onChange={(mode) => {
            setTransport(mode);
            clearError('transport');
          }}
        />
      </FormField>
      <TextField
        label="车次/航班/车牌"
        optional
        error={errors.transportNumber}
        value={transportNumber}
        maxlength={20}
        placeholder="如 G1234、CA1234、粤E12345"
        onChange={setTransportNumber}
      />
      <FormField label="出发日期" error={errors.departureDay}>
        <Picker
          mode="date"
          value={departureDay}
          end={today}
          onChange={(e) => {
            setDepartureDay(e.detail.value);
            clearError('departureDay');
          }}
        >
          <View className="text-input return-date">{departureDay}</View>
        </Picker>
      </FormField>
      <FormField label="抵达日期" hint="默认今天，点按可修改" error={errors.arrivalDay}>
        <Picker
          mode="date"
          value={arrivalDay}
          start={arrival.start}
          end={arrival.end}
          onChange={(e) => {
            setArrivalDay(e.detail.value);
            clearError('arrivalDay');
            clearError('departureDay');
          }}
        >
          <View className="text-input return-date">{arrivalDay}</View>
        </Picker>
      </FormField>
      <FormField label="是否接触过确诊或疑似病例" error={errors.contactWithCases}>
        <ChoiceChips
          options={CONTACT_OPTIONS}
          value={contact}
          onChange={(answer) => {
            setContact(answer);
            clearError('contactWithCases');
          }}
        />
      </FormField>
      <FormField label="症状" optional hint="没有不适就不用选" error={errorFor(errors, 'symptoms')}>
        <SymptomPicker value={symptoms} onChange={setSymptoms} />
      </FormField>
      {message ? <Text className="notice notice--error">{message}</Text> : null}
      <Button
        className="btn btn--primary btn--block return-submit"
        hoverClass="btn--pressed"
        disabled={busy ? true : undefined}
        onClick={() => void submit()}
      >
        {busy ? '提交中…' : registered ? `更新${name}的返乡登记` : '提交登记'}
      </Button>
    </View>
  );
}

/** The form's fields by the error keys they answer for, top to bottom, as the summary names them. */
const FIELD_NAMES: readonly [RegExp, (match: RegExpMatchArray) => string][] = [
  [/^origin(\.|$)/, () => '出发地'],
  [/^via\.(\d+)/, (m) => `途经地 ${Number(m[1]) + 1}`],
  [/^via$/, () => '途经地'],
  [/^transport$/, () => '交通方式'],
  [/^transportNumber$/, () => '车次/航班/车牌'],
  [/^departureDay$/, () => '出发日期'],
  [/^arrivalDay$/, () => '抵达日期'],
  [/^contactWithCases$/, () => '是否接触过确诊或疑似病例'],
  [/^symptoms/, () => '症状'],
];

/** 「还有 3 项需要填写或修改：出发地、交通方式、…」, in the order the form shows them. */
function summary(errors: Record<string, string>): string {
  const names: string[] = [];
  for (const [pattern, name] of FIELD_NAMES) {
    for (const key of Object.keys(errors)) {
      const match = key.match(pattern);
      const label = match ? name(match) : null;
      if (label && !names.includes(label)) names.push(label);
    }
  }
  if (names.length === 0) return '提交的内容有误，请检查后重试';
  return `还有 ${names.length} 项需要填写或修改：${names.join('、')}`;
}

function PlaceInputs({
  value,
  onChange,
}: {
  value: PlaceDraft;
  onChange: (next: PlaceDraft) => void;
}) {
  // Typed names no longer match a picked code, so typing drops it and the names alone count.
  const typed = (names: Partial<PlaceDraft>) =>
    onChange({ province: value.province, city: value.city, district: value.district, ...names });
  return (
    <View className="return-place">
      <Input
        className="text-input return-place__input"
        value={value.province}
        maxlength={20}
        placeholder="省份（必填），如 湖北省"
        onInput={(e) => typed({ province: e.detail.value })}
      />
      <Input
        className="text-input text-input--optional return-place__input"
        value={value.city}
        maxlength={20}
        placeholder="城市（选填）"
        onInput={(e) => typed({ city: e.detail.value })}
      />
      <Input
        className="text-input text-input--optional return-place__input"
        value={value.district}
        maxlength={20}
        placeholder="区县（选填）"
        onInput={(e) => typed({ district: e.detail.value })}
      />
      {/* Last in the markup, first on screen (flex order): h5's picker carries a hidden input, which
          must not come before the names, the inputs a form filler reaches first. */}
      <View className="return-place__picker">
        <RegionPicker value={value} onPick={onChange}>
          <View className="text-input return-place__pick">
            <Text className="return-place__pick-label">选择省市区</Text>
            <Text className="return-place__pick-arrow">›</Text>
          </View>
        </RegionPicker>
      </View>
    </View>
  );
}
