import { Text, View } from '@tarojs/components';
import type { FunctionResult } from '@gridguard/types';
import { useCallback } from 'react';
import { LoadFailed, StatusBlock } from '../../components/status-block';
import { useResource } from '../../hooks/use-resource';
import { openPage, routes } from '../../routes';
import { formatChinaClock } from '../../services/format';
import {
  NORMAL_TEMPERATURE_C,
  SYMPTOM_LABELS,
  formatTemperature,
  observationStatus,
  todaysReport,
  type HealthReportView,
  type ObservationView,
  type ReportDraft,
} from '../../services/health';
import { FeverGuidance } from './fever-guidance';
import { ObservationCard } from './observation-card';
import { ReportForm } from './report-form';

interface PersonReportState {
  today: HealthReportView | null;
  yesterday: HealthReportView | null;
  observation: ObservationView | null;
}

async function loadPersonReport(personId: string): Promise<FunctionResult<PersonReportState>> {
  const [reports, observation] = await Promise.all([
    todaysReport(personId),
    observationStatus(personId),
  ]);
  if (!reports.ok) return reports;
  // The observation line is extra; the report itself must not fail because of it.
  return {
    ok: true,
    data: { ...reports.data, observation: observation.ok ? observation.data.observation : null },
  };
}

function draftFrom(report: HealthReportView | null): ReportDraft {
  return report
    ? { temperature: report.temperature, symptoms: [...report.symptoms], note: report.note }
    : { temperature: NORMAL_TEMPERATURE_C, symptoms: [], note: '' };
}

function symptomText(report: HealthReportView): string {
  return report.symptoms.length === 0
    ? '无症状'
    : report.symptoms.map((symptom) => SYMPTOM_LABELS[symptom]).join('、');
}

/** One person's day: their observation, today's report if made, and the form (pre-filled). */
export function PersonReport({ personId, name }: { personId: string; name: string }) {
  const load = useCallback(() => loadPersonReport(personId), [personId]);
  const { state, reload } = useResource(load);

  if (state.status === 'loading') return <StatusBlock kind="loading" title="加载中…" />;
  if (state.status === 'failed') {
    return <LoadFailed title="打卡信息加载失败" message={state.message} onRetry={reload} />;
  }
  const { today, yesterday, observation } = state.data;
  return (
    <View>
      {observation ? (
        <ObservationCard observation={observation} />
      ) : (
        <Text className="report-return-link" onClick={() => openPage(routes.returnHome())}>
          刚从外地回来？请先做返乡登记 ›
        </Text>
      )}
      {today ? (
        <View
          className={today.abnormal ? 'card report-done report-done--abnormal' : 'card report-done'}
        >
          <Text className="report-done__title">{name} 今日已打卡</Text>
          <Text className="report-done__value">
            体温 {formatTemperature(today.temperature)} · {symptomText(today)}
          </Text>
          {today.note ? <Text className="report-done__line">备注：{today.note}</Text> : null}
          <Text className="small-note">
            今天 {formatChinaClock(today.reportedAt)} 提交，有变化可在下方修改后重新提交
          </Text>
        </View>
      ) : (
        <View className="card report-todo">
          <Text className="report-todo__title">{name} 今日未打卡</Text>
          <Text className="small-note">
            {yesterday
              ? `已按昨日（${formatTemperature(yesterday.temperature)}，${symptomText(yesterday)}）填好，如无变化直接提交`
              : '请测量体温后填写'}
          </Text>
        </View>
      )}
      {today?.abnormal ? <FeverGuidance name={name} /> : null}
      <ReportForm
        personId={personId}
        initial={draftFrom(today ?? yesterday)}
        updating={today !== null}
        onSubmitted={() => void reload()}
      />
    </View>
  );
}
