import { Button, Input, Text, View } from '@tarojs/components';
import type { Dispatch, SetStateAction } from 'react';
import { FormField } from '../../components/form-field';
import { MAX_LEVELS, MIN_LEVELS } from '../../services/setup';

/**
 * The level names from the root down, one field each, with 删除 while more than the least remain
 * and 添加一级 until the most. `errors` is keyed as the schema's dot paths: `levels.2` for a row.
 * Every change is an update of the latest list, not of the one rendered: inputs in several rows
 * can arrive before the page renders again.
 */
export function LevelEditor({
  levels,
  onChange,
  errors,
  note,
}: {
  levels: readonly string[];
  onChange: Dispatch<SetStateAction<string[]>>;
  errors: Partial<Record<string, string>>;
  note: string;
}) {
  const edit = (index: number, value: string) =>
    onChange((latest) => latest.map((level, i) => (i === index ? value : level)));

  return (
    <View className="setup__levels">
      <Text className="setup__levels-note">{note}</Text>
      {levels.map((level, index) => (
        <FormField key={index} label={`第${index + 1}级`} error={errors[`levels.${index}`]}>
          <View className="setup__level-row">
            <Input
              className="text-input setup__level-input"
              value={level}
              maxlength={10}
              placeholder="层级名称"
              onInput={(e) => edit(index, e.detail.value)}
            />
            {levels.length > MIN_LEVELS ? (
              <Button
                className="btn btn--danger btn--small setup__level-remove"
                hoverClass="btn--pressed"
                onClick={() => onChange((latest) => latest.filter((_, i) => i !== index))}
              >
                删除
              </Button>
            ) : null}
          </View>
        </FormField>
      ))}
      {levels.length < MAX_LEVELS ? (
        <Button
          className="btn btn--secondary btn--block"
          hoverClass="btn--pressed"
          onClick={() => onChange((latest) => [...latest, ''])}
        >
          添加一级
        </Button>
      ) : null}
    </View>
  );
}
