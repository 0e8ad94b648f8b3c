import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { PagedList } from '../../hooks/use-paged-list';
import { LoadMore } from '../load-more';
import { LoadFailed, StatusBlock } from '../status-block';

/**
 * The states every paged list shares: loading, a failure with 重试, an empty list, and the items
 * with 加载更多, for a list read by usePagedList; `children` renders the items loaded so far.
 */
export function PagedStates<T extends { id: string }>(props: {
  list: PagedList<T>;
  failedTitle?: string;
  empty: { title: string; message?: string; actionText?: string; onAction?: () => void };
  className?: string;
  children: (items: T[]) => ReactNode;
}) {
  const { list, empty } = props;
  const { state } = list;
  if (state.status === 'loading') return <StatusBlock kind="loading" title="加载中…" />;
  if (state.status === 'failed') {
    return (
      <LoadFailed
        title={props.failedTitle ?? '加载失败'}
        message={state.message}
        onRetry={list.reload}
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
        onLoadMore={() => void list.loadMore()}
      />
    </View>
  );
}
