import { Button, Text, View } from '@tarojs/components';
import { CallButton } from '../../components/call-button';
import { useResource } from '../../hooks/use-resource';
import { openPage, routes } from '../../routes';
import { callStaff, familyToday } from '../../services/contacts';

/**
 * What to do after registering a return: report today's health (去打卡), and, for a resident, the
 * grid member to ask (their 户联系, else the 网格长) with one tap to call. Staff registering for
 * someone at the desk report for them; they are the grid themselves.
 */
export function ResultActions(props: {
  personId: string;
  name: string;
  /** Still under observation: a daily report is due. */
  observing: boolean;
  forStaff: boolean;
}) {
  const { personId, name } = props;
  return (
    <View className="return-result__actions">
      {props.observing ? (
        <Button
          className="btn btn--primary btn--block"
          hoverClass="btn--pressed"
          onClick={() =>
            openPage(props.forStaff ? routes.reportFor(personId, name) : routes.report(personId))
          }
        >
          去打卡
        </Button>
      ) : null}
      {props.forStaff ? null : <AskStaff />}
    </View>
  );
}

function AskStaff() {
  const { state } = useResource(familyToday, { topics: ['household', 'contacts'] });
  if (state.status === 'loading') return null;
  const staff = state.status === 'ready' ? state.data?.staff : null;
  if (!staff) return <Text className="small-note">如有疑问请联系网格长或社区</Text>;
  return (
    <View className="return-result__ask">
      <Text className="return-result__ask-text">
        如有疑问请联系{staff.role} {staff.name}
      </Text>
      {staff.callable ? <CallButton call={callStaff} /> : null}
    </View>
  );
}
