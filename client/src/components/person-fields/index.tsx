import { View } from '@tarojs/components';
import { ChoiceChips } from '../choice-chips';
import { FormField, TextField } from '../form-field';
import { RELATIONS, type NewPerson, type Relation } from '../../services/households';

export interface PersonDraft {
  name: string;
  relation: Relation | null;
  idNumber: string;
  phone: string;
}

export const EMPTY_PERSON: PersonDraft = { name: '', relation: null, idNumber: '', phone: '' };

const RELATION_OPTIONS = RELATIONS.map((relation) => ({ value: relation, label: relation }));

/**
 * The person as the server takes it, or field messages for what must be fixed first. Optional
 * fields left blank are omitted: the server checks any value it is given.
 */
export function toNewPerson(
  draft: PersonDraft,
): { ok: true; person: NewPerson } | { ok: false; errors: Record<string, string> } {
  // The server says the same; checking here saves a round trip for the two most common slips.
  const errors: Record<string, string> = {};
  if (!draft.name.trim()) errors.name = '请填写姓名';
  if (!draft.relation) errors.relation = '请选择与户主的关系';
  if (!draft.relation || errors.name) return { ok: false, errors };
  const idNumber = draft.idNumber.trim();
  const phone = draft.phone.trim();
  return {
    ok: true,
    person: {
      name: draft.name,
      relation: draft.relation,
      ...(idNumber && { idNumber }),
      ...(phone && { phone }),
    },
  };
}

export interface PersonFieldsProps {
  value: PersonDraft;
  onChange: (next: PersonDraft) => void;
  errors: Partial<Record<string, string>>;
  /** Wording for the one whose details these are (本人 when joining, the relative otherwise). */
  nameLabel: string;
}

/** Name, relation to the head of household, and the optional ID number and phone. */
export function PersonFields({ value, onChange, errors, nameLabel }: PersonFieldsProps) {
  return (
    <View>
      <TextField
        label={nameLabel}
        error={errors.name}
        value={value.name}
        maxlength={20}
        placeholder="请输入姓名"
        onChange={(name) => onChange({ ...value, name })}
      />
      <FormField label="与户主关系" error={errors.relation}>
        <ChoiceChips
          options={RELATION_OPTIONS}
          value={value.relation}
          onChange={(relation) => onChange({ ...value, relation })}
        />
      </FormField>
      <TextField
        label="身份证号"
        optional
        error={errors.idNumber}
        hint="完整号码仅网格长和本户家人可查看"
        type="idcard"
        value={value.idNumber}
        maxlength={18}
        placeholder="18 位身份证号"
        onChange={(idNumber) => onChange({ ...value, idNumber })}
      />
      <TextField
        label="手机号"
        optional
        error={errors.phone}
        type="number"
        value={value.phone}
        maxlength={11}
        placeholder="11 位手机号"
        onChange={(phone) => onChange({ ...value, phone })}
      />
    </View>
  );
}
