import { View } from '@tarojs/components';
import { useState } from 'react';
import type { ErrorCode } from '@gridguard/types';
import { ChoiceChips } from '../../components/choice-chips';
import { FormField, TextField } from '../../components/form-field';
import { SubmitBar } from '../../components/submit-bar';
import { useFormSubmit } from '../../hooks/use-form-submit';
import { askToConfirm } from '../../interaction';
import {
  MIN_LEVELS,
  TEMPLATE_OPTIONS,
  checkClaim,
  claimSetup,
  levelsLine,
  normalizeSetupCode,
  templateLevels,
  type LevelTemplate,
  type SetupResult,
} from '../../services/setup';
import { LevelEditor } from './level-editor';

type Choice = LevelTemplate | 'custom';

const CHOICES: readonly { value: Choice; label: string }[] = [
  ...TEMPLATE_OPTIONS,
  { value: 'custom', label: '自定义' },
];

const sameLevels = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((level, index) => level === b[index]);

/**
 * The code, the deployer's name, the root's name and the levels, checked, confirmed, then sent.
 * `onConflict`: the server refused with CONFLICT, which may mean someone else was first; the page
 * reads the status again (too many wrong codes leaves it needed, and the form as it was).
 */
export function SetupForm({
  onDone,
  onConflict,
}: {
  onDone: (result: SetupResult) => void;
  onConflict: () => void;
}) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [rootName, setRootName] = useState('');
  const [choice, setChoice] = useState<Choice | null>(null);
  const [levels, setLevels] = useState<string[]>([]);
  const { errors, setErrors, message, setMessage, busy, send } = useFormSubmit();

  // A template edited by hand is no longer that template: the chips and the claim say 自定义.
  const template: LevelTemplate | null =
    choice !== null && choice !== 'custom' && sameLevels(levels, templateLevels(choice))
      ? choice
      : null;
  const shownChoice: Choice | null = choice === null ? null : (template ?? 'custom');

  const pick = (next: Choice) => {
    setChoice(next);
    if (next !== 'custom') setLevels(templateLevels(next));
    else if (levels.length < MIN_LEVELS) {
      setLevels([...levels, ...Array<string>(MIN_LEVELS - levels.length).fill('')]);
    }
    setErrors(({ levels: _dropped, ...rest }) => rest);
  };

  const submit = async () => {
    if (busy) return;
    setMessage(null);
    const checked = checkClaim({ code, name, rootName, template, levels });
    if (!checked.ok) {
      setErrors(checked.errors);
      setMessage('请检查标红的内容');
      return;
    }
    setErrors({});
    const { claim } = checked;
    const confirmed = await askToConfirm(
      '确认初始化',
      `顶级网格「${claim.rootName}」，层级：${levelsLine(claim.levels)}。确认后您将成为指挥部，部署码随即作废。`,
      // WeChat refuses a dialog whose button says more than four characters.
      '确认提交',
    );
    if (!confirmed) return;
    const refusal: { code?: ErrorCode } = {};
    const sent = await send(async () => {
      const result = await claimSetup(claim);
      if (!result.ok) refusal.code = result.code;
      return result;
    });
    if (sent) onDone(sent.data);
    else if (refusal.code === 'CONFLICT') onConflict();
  };

  return (
    <View className="card setup__form">
      <TextField
        label="部署码"
        hint="10 位，由部署人员提供；不含 0、1、I、L、O"
        error={errors.code}
        value={code}
        maxlength={20}
        placeholder="例如：K7M2Q9XA3B"
        onChange={(value) => setCode(normalizeSetupCode(value))}
      />
      <TextField
        label="您的姓名"
        error={errors.name}
        value={name}
        maxlength={20}
        placeholder="请输入真实姓名"
        onChange={setName}
      />
      <TextField
        label="顶级网格名称"
        hint="例如：九江镇"
        error={errors.rootName}
        value={rootName}
        maxlength={30}
        placeholder="例如：九江镇"
        onChange={setRootName}
      />
      <FormField
        label="网格层级"
        hint="选择与本地相同的层级模板，或自定义；各级名称都可修改"
        error={errors.levels ?? errors.template}
      >
        <ChoiceChips options={CHOICES} value={shownChoice} onChange={pick} />
      </FormField>
      {levels.length > 0 ? (
        <LevelEditor
          levels={levels}
          onChange={setLevels}
          errors={errors}
          note={`第 1 级即顶级网格${rootName.trim() ? `「${rootName.trim()}」` : ''}，逐级向下`}
        />
      ) : null}
      <SubmitBar
        message={message}
        busy={busy}
        label="完成初始化"
        busyLabel="提交中…"
        onSubmit={() => void submit()}
      />
    </View>
  );
}
