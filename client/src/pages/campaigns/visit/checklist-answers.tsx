import { View } from '@tarojs/components';
import { ChoiceChips } from '../../../components/choice-chips';
import { FormField, TextField } from '../../../components/form-field';
import type { AnswerInput, ChecklistItem } from '../../../services/campaigns';

/** What the form holds per question: yes/no, a choice, or the text typed (numbers too). */
export type AnswerDrafts = Record<string, boolean | string>;

const YES_NO = [
  { value: 'yes', label: '是' },
  { value: 'no', label: '否' },
];

/** The answers as the server takes them, and the first required question left unanswered. */
export function answersOf(
  checklist: readonly ChecklistItem[],
  drafts: AnswerDrafts,
): { answers: AnswerInput[]; missing: ChecklistItem | null; badNumber: ChecklistItem | null } {
  const answers: AnswerInput[] = [];
  let missing: ChecklistItem | null = null;
  let badNumber: ChecklistItem | null = null;
  for (const item of checklist) {
    const draft = drafts[item.id];
    const empty = draft === undefined || (typeof draft === 'string' && draft.trim() === '');
    if (empty) {
      if (item.required) missing ??= item;
      continue;
    }
    if (item.kind === 'yesNo') answers.push({ item: item.id, yes: draft === true });
    else if (item.kind === 'number') {
      const n = Number(String(draft).trim());
      if (!Number.isFinite(n)) badNumber ??= item;
      else answers.push({ item: item.id, number: n });
    } else if (item.kind === 'choice') answers.push({ item: item.id, choice: String(draft) });
    else answers.push({ item: item.id, text: String(draft) });
  }
  return { answers, missing, badNumber };
}

/** The campaign's checklist as large taps and short fields. */
export function ChecklistAnswers(props: {
  checklist: readonly ChecklistItem[];
  drafts: AnswerDrafts;
  errors: Record<string, string>;
  onChange: (id: string, value: boolean | string) => void;
}) {
  const { checklist, drafts, errors, onChange } = props;
  return (
    <View>
      {checklist.map((item) => {
        const draft = drafts[item.id];
        const optional = !item.required;
        if (item.kind === 'yesNo') {
          return (
            <FormField key={item.id} label={item.label} optional={optional} error={errors[item.id]}>
              <ChoiceChips
                options={YES_NO}
                value={draft === undefined ? null : draft === true ? 'yes' : 'no'}
                onChange={(value) => onChange(item.id, value === 'yes')}
              />
            </FormField>
          );
        }
        if (item.kind === 'choice') {
          return (
            <FormField key={item.id} label={item.label} optional={optional} error={errors[item.id]}>
              <ChoiceChips
                options={item.options.map((option) => ({ value: option, label: option }))}
                value={typeof draft === 'string' ? draft : null}
                onChange={(value) => onChange(item.id, value)}
              />
            </FormField>
          );
        }
        const range =
          item.kind === 'number' && (item.min !== null || item.max !== null)
            ? `${item.min ?? ''}–${item.max ?? ''}${item.unit}`
            : undefined;
        return (
          <TextField
            key={item.id}
            label={item.unit ? `${item.label}（${item.unit}）` : item.label}
            optional={optional}
            hint={range}
            error={errors[item.id]}
            type={item.kind === 'number' ? 'digit' : undefined}
            value={typeof draft === 'string' ? draft : ''}
            maxlength={item.kind === 'number' ? 8 : 100}
            onChange={(value) => onChange(item.id, value)}
          />
        );
      })}
    </View>
  );
}
