import { Button, Text } from '@tarojs/components';

/**
 * The foot of a form: what went wrong, if anything, above the one primary button, which says
 * what it is doing while the request runs and cannot be tapped twice.
 */
export function SubmitBar(props: {
  message: string | null;
  busy: boolean;
  label: string;
  busyLabel: string;
  onSubmit: () => void;
}) {
  return (
    <>
      {props.message ? <Text className="notice notice--error">{props.message}</Text> : null}
      <Button
        className="btn btn--primary btn--block"
        hoverClass="btn--pressed"
        disabled={props.busy ? true : undefined}
        onClick={props.onSubmit}
      >
        {props.busy ? props.busyLabel : props.label}
      </Button>
    </>
  );
}
