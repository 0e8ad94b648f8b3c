import { Button, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { ResourceState } from '../../hooks/use-resource';
import './index.css';

export interface StatusBlockProps {
  kind: 'loading' | 'error' | 'empty';
  title: string;
  message?: string;
  actionText?: string;
  onAction?: () => void;
}

/** The one way a page says "wait", "that failed" or "nothing here", so all pages read alike. */
export function StatusBlock({ kind, title, message, actionText, onAction }: StatusBlockProps) {
  return (
    <View className={`status-block status-block--${kind}`}>
      <Text className="status-block__title">{title}</Text>
      {message ? <Text className="status-block__message">{message}</Text> : null}
      {actionText && onAction ? (
        <Button
          className="status-block__action"
          hoverClass="status-block__action--pressed"
          onClick={onAction}
        >
          {actionText}
        </Button>
      ) : null}
    </View>
  );
}

/** A read that failed: its message, and 重试 to read again. */
export function LoadFailed({
  title = '加载失败',
  message,
  onRetry,
}: {
  title?: string;
  message: string;
  onRetry: () => unknown;
}) {
  return (
    <StatusBlock
      kind="error"
      title={title}
      message={message}
      actionText="重试"
      onAction={() => void onRetry()}
    />
  );
}

/**
 * A page opened without what it is about (`missing`: 排查编号, 网格或住户编号 …): says where to
 * open it from instead.
 */
export function CannotOpen({ missing, from }: { missing: string; from: string }) {
  return (
    <View className="page">
      <StatusBlock kind="error" title="无法打开" message={`缺少${missing}，请从${from}进入`} />
    </View>
  );
}

/** A page opened without the grid it is about: says where to open it from. */
export function MissingGrid({ from = '网格详情' }: { from?: string }) {
  return <CannotOpen missing="网格编号" from={from} />;
}

/**
 * A whole page read by useResource: 加载中… or the failure with 重试 until it is ready, then
 * `children` with what was read.
 */
export function ResourcePage<T>(props: {
  state: ResourceState<T>;
  onRetry: () => unknown;
  children: (data: T) => ReactNode;
}) {
  const { state } = props;
  if (state.status === 'ready') return <>{props.children(state.data)}</>;
  return (
    <View className="page">
      {state.status === 'loading' ? (
        <StatusBlock kind="loading" title="加载中…" />
      ) : (
        <LoadFailed message={state.message} onRetry={props.onRetry} />
      )}
    </View>
  );
}
