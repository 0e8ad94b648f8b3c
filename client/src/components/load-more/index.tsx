import { Button, Text, View } from '@tarojs/components';
import './index.css';

export interface LoadMoreProps {
  shown: number;
  total: number;
  loading: boolean;
  error: string | null;
  onLoadMore: () => void;
}

/** The foot of a paged list: how many of how many, and 加载更多 while some are left. */
export function LoadMore({ shown, total, loading, error, onLoadMore }: LoadMoreProps) {
  const more = shown < total;
  return (
    <View className="load-more">
      {error ? <Text className="notice notice--error">{error}</Text> : null}
      <Text className="load-more__count">
        {more ? `已显示 ${shown} / ${total}` : `共 ${total} 项，已全部显示`}
      </Text>
      {more ? (
        <Button
          className="btn btn--secondary load-more__button"
          hoverClass="btn--pressed"
          disabled={loading ? true : undefined}
          onClick={onLoadMore}
        >
          {loading ? '加载中…' : error ? '重试加载更多' : '加载更多'}
        </Button>
      ) : null}
    </View>
  );
}
