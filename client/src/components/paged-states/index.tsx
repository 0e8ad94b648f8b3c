import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { PagedListState } from '../../hooks/use-paged-list';
import { LoadMore } from '../load-more';
import { LoadFailed, StatusBlock } from '../status-block';

/**
 * The states every paged list shares: loading, a failure with 重试, an empty list, and the items
 * with 加载更多; `children` renders the items loaded so far.
 */
export function PagedStates<T>(props: {
  state: PagedListState<T>;
  onRetry: () => void;
  onLoadMore: () => void;
  failedTitle?: string;
  empty: { title: string; message?: string; actionText?: string; onAction?: () => void };
  className?: string;
  children: (items: T[]) => ReactNode;
}) {
  const { state, empty } = props;
  if (state.status === 'loading') return <StatusBlock kind="loading" title="加载中…" />;
  if (state.status === 'failed') {
    return (
      <LoadFailed
        title={props.failedTitle ?? '加载失败'}
        message={state.message}
        onRetry={props.onRetry}
      />
    );
  }
  if (state.items.length === 0) {
    return (
      <StatusBlock
        kind="empty"
        title={empty.title}
        message={empty.message}
        actionText={empty.actionText}
        onAction={empty.onAction}
      />
    );
  }
  return (
    <View className={props.className}>
      {props.children(state.items)}
      <LoadMore
        shown={state.items.length}
        total={state.total}
        loading={state.loadingMore}
        error={state.moreError}
        onLoadMore={props.onLoadMore}
      />
    </View>
  );
}
