import { Button, Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import type { FunctionResult } from '@gridguard/types';
import { REVEAL_SECONDS } from '../../services/people';
import './index.css';

export interface MaskedValueProps {
  label: string;
  /** The masked copy every list carries, or null when nothing was registered. */
  masked: string | null;
  /** Fetches the full value (audited server-side); omitted when the caller may not see it. */
  reveal?: () => Promise<FunctionResult<{ value: string }>>;
}

type RevealState =
  | { status: 'masked' }
  | { status: 'loading' }
  | { status: 'shown'; value: string }
  | { status: 'failed'; message: string };

/** An ID number or phone shown masked, with 查看 to see it in full for a short while. */
export function MaskedValue({ label, masked, reveal }: MaskedValueProps) {
  const [state, setState] = useState<RevealState>({ status: 'masked' });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);

  const onReveal = async () => {
    if (!reveal || state.status === 'loading') return;
    setState({ status: 'loading' });
    const result = await reveal();
    if (!mounted.current) return;
    if (!result.ok) {
      setState({ status: 'failed', message: result.message });
      return;
    }
    setState({ status: 'shown', value: result.data.value });
    if (timer.current) clearTimeout(timer.current);
    // The full value is not left on a screen someone else may glance at.
    timer.current = setTimeout(() => {
      timer.current = null;
      if (mounted.current) setState({ status: 'masked' });
    }, REVEAL_SECONDS * 1000);
  };

  if (masked === null) {
    return (
      <View className="masked-value">
        <Text className="masked-value__label">{label}</Text>
        <Text className="muted">未登记</Text>
      </View>
    );
  }

  const shown = state.status === 'shown';
  return (
    <View className="masked-value">
      <Text className="masked-value__label">{label}</Text>
      <Text
        className={shown ? 'masked-value__text masked-value__text--full' : 'masked-value__text'}
      >
        {shown ? state.value : masked}
      </Text>
      {reveal && !shown ? (
        <Button
          className="btn btn--secondary btn--small masked-value__button"
          hoverClass="btn--pressed"
          disabled={state.status === 'loading' ? true : undefined}
          onClick={() => void onReveal()}
        >
          {state.status === 'loading' ? '查看中…' : '查看'}
        </Button>
      ) : null}
      {shown ? <Text className="masked-value__timer">{REVEAL_SECONDS} 秒后隐藏</Text> : null}
      {state.status === 'failed' ? (
        <Text className="masked-value__error">{state.message}</Text>
      ) : null}
    </View>
  );
}
