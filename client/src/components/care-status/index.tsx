import { Text } from '@tarojs/components';
import {
  CARE_STATUS_LABELS,
  householdTagTexts,
  type CareStatus,
  type HouseholdTags,
} from '../../services/contacts';
import './index.css';

/** 今日已报 / 今日未报 / 异常 / 观察中 as a coloured tag; nothing for someone not observed. */
export function StatusTag({ status }: { status: CareStatus }) {
  if (status === 'none') return null;
  return (
    <Text className={`tag care-status care-status--${status}`}>{CARE_STATUS_LABELS[status]}</Text>
  );
}

/** A household's 异常 N / 今日未报 N / 观察中 N, the same colours as a person's; only those that apply. */
export function HouseholdStatusTags({ tags }: { tags: HouseholdTags }) {
  return (
    <>
      {householdTagTexts(tags).map((tag) => (
        <Text key={tag.kind} className={`tag care-status care-status--${tag.kind}`}>
          {tag.text}
        </Text>
      ))}
    </>
  );
}
