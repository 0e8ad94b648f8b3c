import { Button, Text, View } from '@tarojs/components';
import { useCallback } from 'react';
import { useResource } from '../../hooks/use-resource';
import { openPage, routes } from '../../routes';
import { nodeTodos } from '../../services/grids';
import type { NodeTodos } from '@gridguard/types';

interface Todo {
  label: string;
  count: number;
  url: string;
  /** Counted against the team: 异常 is red, the rest orange while any wait. */
  urgent?: boolean;
}

/** The to-dos a caller acts on; a figure the server left out (null) is not theirs to do. */
function todosOf(todos: NodeTodos): Todo[] {
  const { gridId } = todos;
  const out: Todo[] = [
    { label: '异常', count: todos.abnormal, url: routes.alerts(gridId), urgent: true },
    { label: '今日未报', count: todos.notReported, url: routes.notReported(gridId) },
  ];
  if (todos.openErrands !== null)
    out.push({ label: '待认领代购', count: todos.openErrands, url: routes.errandPool() });
  if (todos.joinRequests !== null)
    out.push({ label: '待审核入户', count: todos.joinRequests, url: routes.joinRequests(gridId) });
  if (todos.newReturns !== null)
    out.push({
      label: '今日返乡',
      count: todos.newReturns,
      url: routes.classificationQueue(gridId),
    });
  return out;
}

/**
 * 今日待办 of the caller's node: each count one tap from its list. Residents report and ask all
 * day on other phones, so it is read again whenever home is shown.
 */
export function StaffTodos({ gridId }: { gridId: string }) {
  const load = useCallback(() => nodeTodos(gridId), [gridId]);
  const { state, reload } = useResource(load, {
    topics: ['health', 'errands', 'joinRequests'],
    live: true,
  });

  if (state.status === 'loading') {
    return (
      <View className="todos">
        <Text className="todos__title">今日待办</Text>
        <Text className="todos__note">加载中…</Text>
      </View>
    );
  }
  if (state.status === 'failed') {
    return (
      <View className="todos todos--failed">
        <Text className="todos__note">今日待办加载失败：{state.message}</Text>
        <Button className="btn btn--small btn--secondary" onClick={() => void reload()}>
          重试
        </Button>
      </View>
    );
  }
  const todos = todosOf(state.data);
  const waiting = todos.some((todo) => todo.count > 0);
  return (
    <View className="todos">
      <View className="todos__head">
        <Text className="todos__title">今日待办</Text>
        <Text className="todos__scope">{state.data.gridName}</Text>
      </View>
      <View className="todos__grid">
        {todos.map((todo) => (
          <View
            key={todo.label}
            className={`todo${todo.count > 0 ? (todo.urgent ? ' todo--urgent' : ' todo--waiting') : ''}`}
            hoverClass="todo--pressed"
            ariaRole="button"
            ariaLabel={`${todo.label} ${todo.count}`}
            onClick={() => openPage(todo.url)}
          >
            <Text className="todo__count">{todo.count}</Text>
            <Text className="todo__label">{todo.label}</Text>
          </View>
        ))}
      </View>
      {waiting ? null : <Text className="todos__note">今天的事都办完了</Text>}
    </View>
  );
}
