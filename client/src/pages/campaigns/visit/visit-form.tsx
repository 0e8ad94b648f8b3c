import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { FEVER_THRESHOLD_C } from '@gridguard/types';
import { ChoiceChips } from '../../../components/choice-chips';
import { FormField, TextField } from '../../../components/form-field';
import { SubmitBar } from '../../../components/submit-bar';
import { SymptomPicker } from '../../../components/symptom-picker';
import { confirmAttention } from '../../../interaction';
import {
  FINDING_KIND_LABELS,
  FINDING_KINDS_OF,
  newClientId,
  OUTCOME_LABELS,
  OUTCOMES,
  type CampaignView,
  type FindingKind,
  type Outcome,
  type TargetDetail,
  type VisitInput,
} from '../../../services/campaigns';
import { fieldErrors } from '../../../services/format';
import type { Symptom } from '../../../services/health';
import type { SendOutcome } from '../../../services/visit-queue';
import { answersOf, ChecklistAnswers, type AnswerDrafts } from './checklist-answers';

const OUTCOME_OPTIONS = OUTCOMES.map((value) => ({ value, label: OUTCOME_LABELS[value] }));

/**
 * The visit of one door: the outcome first, then only what it asks for. The client id is chosen
 * once per visit, so sending again after a failure (or twice) records the visit once.
 */
export function VisitForm(props: {
  campaign: CampaignView;
  target: TargetDetail;
  send: (input: VisitInput) => Promise<SendOutcome>;
  /** Recorded, or kept on the phone to be sent when the network is back. */
  onSaved: (how: 'sent' | 'queued') => void;
}) {
  const { campaign, target } = props;
  // An enterprise has nobody of the register: what is found there is noted for the leader.
  const findingOptions = FINDING_KINDS_OF[target.kind].map((value) => ({
    value,
    label: FINDING_KIND_LABELS[value],
  }));
  const [clientId, setClientId] = useState(newClientId);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [drafts, setDrafts] = useState<AnswerDrafts>({});
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [findingKind, setFindingKind] = useState<FindingKind | null>(null);
  const [personId, setPersonId] = useState<string | null>(null);
  const [temperature, setTemperature] = useState('');
  const [symptoms, setSymptoms] = useState<Symptom[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const local = (): { input: VisitInput | null; found: Record<string, string> } => {
    const found: Record<string, string> = {};
    if (!outcome) return { input: null, found: { outcome: '请选择走访结果' } };
    // The knock's time travels with it: a visit queued offline counts on the day it was made.
    const base = {
      campaignId: campaign.id,
      round: campaign.round,
      targetId: target.id,
      clientId,
      knockedAt: Date.now(),
    };
    const extras: Partial<VisitInput> = note.trim() ? { note } : {};
    if (outcome === 'entered' || outcome === 'finding') {
      const { answers, missing, badNumber } = answersOf(campaign.checklist, drafts);
      if (outcome === 'entered' && missing) found[missing.id] = `请回答「${missing.label}」`;
      if (badNumber) found[badNumber.id] = '请填写数字';
      if (answers.length > 0) extras.answers = answers;
    }
    if (outcome === 'refused') {
      if ([...reason.trim()].length < 2) found.reason = '请填写拒绝原因（至少 2 个字）';
      extras.reason = reason;
    }
    if (outcome === 'finding') {
      if (!findingKind) found.finding = '请选择发现的问题';
      if ([...note.trim()].length < 2) found.note = '请说明发现的问题（至少 2 个字）';
      const degrees = Number(temperature);
      if (findingKind === 'fever') {
        if (!personId) found.person = '请选择发热或有症状的居民';
        if (!temperature.trim() || !Number.isFinite(degrees))
          found.temperature = '请填写测量的体温';
      }
      if (findingKind) {
        extras.finding = {
          kind: findingKind,
          ...(personId && { personId }),
          ...(findingKind === 'fever' && Number.isFinite(degrees) && { temperature: degrees }),
          ...(findingKind === 'fever' && symptoms.length > 0 && { symptoms }),
        };
      }
    }
    return { input: { ...base, outcome, ...extras }, found };
  };

  const onSubmit = async () => {
    if (busy) return;
    setMessage(null);
    const { input, found } = local();
    setErrors(found);
    if (!input || Object.keys(found).length > 0) return;
    if (input.finding?.kind === 'fever') {
      const degrees = input.finding.temperature ?? 0;
      const sure = await confirmAttention(
        '发现发热或症状',
        `将记入该居民今日健康打卡（${degrees}℃${degrees >= FEVER_THRESHOLD_C ? '，发热' : ''}），并提醒网格长。`,
      );
      if (!sure) return;
    }
    setBusy(true);
    const outcome = await props.send(input);
    setBusy(false);
    if (outcome.status === 'refused') {
      setErrors(fieldErrors(outcome.failure.issues));
      setMessage(outcome.failure.message);
      return;
    }
    // The next visit of this door (a revisit) is a new one.
    setClientId(newClientId());
    props.onSaved(outcome.status);
  };

  const person = target.people.find((p) => p.id === personId);
  return (
    <View className="section visit-form">
      <Text className="section__title">记录本次走访</Text>
      <FormField label="走访结果" error={errors.outcome}>
        <ChoiceChips
          options={OUTCOME_OPTIONS}
          value={outcome}
          onChange={(value) => {
            setOutcome(value);
            setErrors({});
          }}
        />
      </FormField>
      {outcome === 'entered' || outcome === 'finding' ? (
        <ChecklistAnswers
          checklist={campaign.checklist}
          drafts={drafts}
          errors={errors}
          onChange={(id, value) => setDrafts((d) => ({ ...d, [id]: value }))}
        />
      ) : null}
      {outcome === 'refused' ? (
        <TextField
          label="拒绝原因"
          error={errors.reason}
          value={reason}
          maxlength={100}
          placeholder="如：不愿开门配合"
          onChange={setReason}
        />
      ) : null}
      {outcome === 'finding' ? (
        <View>
          <FormField label="发现的问题" error={errors.finding}>
            <ChoiceChips options={findingOptions} value={findingKind} onChange={setFindingKind} />
          </FormField>
          {target.kind === 'enterprise' ? (
            <Text className="small-note">
              企业发现发热或返乡人员，请在情况说明中写明，由网格长跟进
            </Text>
          ) : null}
          {findingKind && target.people.length > 0 ? (
            <FormField
              label={target.kind === 'rental' ? '涉及的房东或租客' : '涉及的居民'}
              optional={findingKind !== 'fever'}
              error={errors.person}
              hint={
                findingKind !== 'returnee'
                  ? undefined
                  : target.kind === 'rental'
                    ? '名单上没有的租客，请先在出租屋登记中添加'
                    : '名单上没有的，保存后先登记为住户成员'
              }
            >
              <ChoiceChips
                options={target.people.map((p) => ({
                  value: p.id,
                  label: `${p.name}（${p.relation}）`,
                }))}
                value={personId}
                onChange={setPersonId}
              />
            </FormField>
          ) : null}
          {findingKind === 'fever' ? (
            <View>
              <TextField
                label="体温（℃）"
                error={errors.temperature}
                type="digit"
                value={temperature}
                maxlength={4}
                placeholder="如 37.8"
                onChange={setTemperature}
              />
              <FormField label="症状" optional>
                <SymptomPicker value={symptoms} onChange={setSymptoms} />
              </FormField>
            </View>
          ) : null}
        </View>
      ) : null}
      {outcome ? (
        <TextField
          label="情况说明"
          optional={outcome !== 'finding'}
          error={errors.note}
          value={note}
          maxlength={200}
          placeholder={outcome === 'finding' ? '发现了什么情况' : '选填'}
          onChange={setNote}
        />
      ) : null}
      {person && findingKind === 'fever' ? (
        <Text className="small-note">将为{person.name}记入今日健康打卡</Text>
      ) : null}
      <SubmitBar
        message={message}
        busy={busy}
        label="保存走访记录"
        busyLabel="保存中…"
        onSubmit={() => void onSubmit()}
      />
    </View>
  );
}
