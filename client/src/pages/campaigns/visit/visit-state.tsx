import { Button, Text, View } from '@tarojs/components';
import { formatCelsius } from '@gridguard/types';
import { formatChinaDateTime } from '../../../services/format';
import { openPage, routes } from '../../../routes';
import {
  FINDING_KIND_LABELS,
  OUTCOME_LABELS,
  visitSummary,
  type TargetDetail,
  type VisitView,
} from '../../../services/campaigns';
import '../shared/index.css';

/**
 * This round's visit of the door: its outcome, every knock, and what a finding asks of whoever
 * reads it: 返乡登记 for an unregistered returnee, the register when they are not listed yet.
 */
export function VisitStateCard({ visit, target }: { visit: VisitView; target: TargetDetail }) {
  const { finding } = visit;
  // A tenant may live in a household another grid keeps: 返乡登记 is theirs to file then.
  const mayProxy =
    target.people.find((p) => p.id === finding?.personId)?.mayProxy ?? target.kind === 'household';
  return (
    <View className="card">
      <Text className="section__title">本轮：{visitSummary(visit)}</Text>
      {visit.flagged ? (
        <Text className="notice notice--error">多次无人在家，已提醒网格长处理</Text>
      ) : null}
      {visit.reason ? <Text className="small-note">拒绝原因：{visit.reason}</Text> : null}
      {finding ? (
        <Text className="small-note">
          发现问题：{FINDING_KIND_LABELS[finding.kind]}
          {finding.personName ? ` · ${finding.personName}` : ''}
          {finding.temperature !== null ? ` · ${formatCelsius(finding.temperature)}` : ''}
        </Text>
      ) : null}
      {visit.note ? <Text className="small-note">情况说明：{visit.note}</Text> : null}
      {visit.followUp ? (
        <Text className="small-note">
          {visit.followUp.status === 'open'
            ? '等待网格长跟进'
            : `网格长已处理：${visit.followUp.note}`}
        </Text>
      ) : null}
      {visit.attempts.map((attempt, i) => (
        <Text key={i} className="visit-attempt">
          {formatChinaDateTime(attempt.at)} {attempt.by} {OUTCOME_LABELS[attempt.outcome]}
        </Text>
      ))}
      {finding?.kind === 'returnee' && finding.personId && !mayProxy ? (
        <Text className="small-note">
          {finding.personName ?? '该居民'}不在您负责的网格，请联系其所在网格代为返乡登记
        </Text>
      ) : null}
      {finding?.kind === 'returnee' && finding.personId && mayProxy ? (
        <Button
          className="btn btn--primary btn--block"
          hoverClass="btn--pressed"
          onClick={() =>
            openPage(routes.returnFor(finding.personId ?? '', finding.personName ?? ''))
          }
        >
          为{finding.personName ?? '该居民'}代为返乡登记
        </Button>
      ) : null}
      {finding?.kind === 'returnee' && !finding.personId && target.kind === 'household' ? (
        <Button
          className="btn btn--primary btn--block"
          hoverClass="btn--pressed"
          onClick={() => openPage(routes.registerPerson(target.id))}
        >
          先登记为住户成员，再代为返乡登记
        </Button>
      ) : null}
      {finding?.kind === 'fever' ? (
        <Text className="small-note">已记入该居民今日健康打卡，并提醒网格长</Text>
      ) : null}
    </View>
  );
}
