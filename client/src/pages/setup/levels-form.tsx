import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { SubmitBar } from '../../components/submit-bar';
import { useFormSubmit } from '../../hooks/use-form-submit';
import { askToConfirm, toastDone } from '../../interaction';
import { checkLevels, levelsLine, renameLevels, type SetupStatus } from '../../services/setup';
import { LevelEditor } from './level-editor';

const sameLevels = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((level, index) => level === b[index]);

/** 网格层级名称: the command centre renames the levels; nodes already made take the new names. */
export function LevelsForm({
  current,
  onSaved,
}: {
  current: SetupStatus;
  onSaved: (status: SetupStatus) => void;
}) {
  const [levels, setLevels] = useState<string[]>(() => [...current.levels]);
  const { errors, setErrors, message, setMessage, busy, send } = useFormSubmit();

  const save = async () => {
    if (busy) return;
    setMessage(null);
    const checked = checkLevels(levels);
    if (!checked.ok) {
      setErrors(checked.errors);
      setMessage('请检查标红的内容');
      return;
    }
    setErrors({});
    if (sameLevels(checked.levels, current.levels)) {
      setMessage('层级名称没有改动，无需保存');
      return;
    }
    const confirmed = await askToConfirm(
      '保存层级名称',
      `层级改为：${levelsLine(checked.levels)}。已建立的网格随即使用新的名称。`,
      // Taro's h5 dialog (and WeChat) refuse a confirm label longer than four characters.
      '确认保存',
    );
    if (!confirmed) return;
    const sent = await send(() => renameLevels(checked.levels));
    if (!sent) return;
    toastDone('已保存');
    setLevels([...sent.data.levels]);
    onSaved(sent.data);
  };

  return (
    <View className="card setup__form">
      <LevelEditor
        levels={levels}
        onChange={setLevels}
        errors={errors}
        note="从顶级网格逐级向下，共 2–8 级。保存后，已建立的各级网格显示新的层级名称。"
      />
      {/* A rule of the whole list (too few, repeated names) belongs to no one row. */}
      {errors.levels ? <Text className="form-field__error">{errors.levels}</Text> : null}
      <SubmitBar
        message={message}
        busy={busy}
        label="保存层级名称"
        busyLabel="保存中…"
        onSubmit={() => void save()}
      />
    </View>
  );
}
