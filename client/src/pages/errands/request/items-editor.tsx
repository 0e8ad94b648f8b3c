import { Button, Text, View } from '@tarojs/components';
import { TextField } from '../../../components/form-field';

export interface ItemDraft {
  /** Stable across removals, so React keeps each row's inputs with their row. */
  key: number;
  name: string;
  quantity: string;
  note: string;
}

/** The router's limit on one request (ErrandRequestSchema). */
export const MAX_ITEMS = 20;

export interface ItemsEditorProps {
  items: ItemDraft[];
  onChange: (items: ItemDraft[]) => void;
  /** Errors by `<row>.name` / `<row>.quantity`, and `list` for the list as a whole. */
  errors: Record<string, string>;
  nextKey: () => number;
}

/** The shopping list: one row per item (name, quantity, note), rows added and removed. */
export function ItemsEditor({ items, onChange, errors, nextKey }: ItemsEditorProps) {
  const update = (key: number, change: Partial<ItemDraft>) =>
    onChange(items.map((item) => (item.key === key ? { ...item, ...change } : item)));
  const remove = (key: number) => onChange(items.filter((item) => item.key !== key));
  const add = () => onChange([...items, { key: nextKey(), name: '', quantity: '', note: '' }]);

  return (
    <View className="items-editor">
      {items.map((item, index) => (
        <View key={item.key} className="items-editor__row">
          <View className="items-editor__head">
            <Text className="items-editor__title">物品 {index + 1}</Text>
            {items.length > 1 ? (
              <Button
                className="btn btn--danger btn--small"
                hoverClass="btn--pressed"
                ariaLabel={`删除物品 ${index + 1}`}
                onClick={() => remove(item.key)}
              >
                删除
              </Button>
            ) : null}
          </View>
          <TextField
            label="名称"
            error={errors[`${index}.name`]}
            value={item.name}
            maxlength={30}
            placeholder="如：大米、感冒药"
            onChange={(name) => update(item.key, { name })}
          />
          <TextField
            label="数量"
            error={errors[`${index}.quantity`]}
            value={item.quantity}
            maxlength={10}
            placeholder="如：10斤、2盒"
            onChange={(quantity) => update(item.key, { quantity })}
          />
          <TextField
            label="备注"
            optional
            error={errors[`${index}.note`]}
            value={item.note}
            maxlength={50}
            placeholder="品牌、规格等"
            onChange={(note) => update(item.key, { note })}
          />
        </View>
      ))}
      {errors.list ? <Text className="notice notice--error">{errors.list}</Text> : null}
      {items.length < MAX_ITEMS ? (
        <Button className="btn btn--secondary btn--block" hoverClass="btn--pressed" onClick={add}>
          ＋ 添加物品
        </Button>
      ) : (
        <Text className="small-note">一次最多 {MAX_ITEMS} 件物品</Text>
      )}
    </View>
  );
}
