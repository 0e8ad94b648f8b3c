import { Button, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { LoadFailed, StatusBlock } from '../../components/status-block';
import type { DemoUser, DevLogin } from '../../services/identity';

type UsersState =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; users: DemoUser[] };

interface UserPickerProps {
  devLogin: DevLogin;
  /** Why the picker is shown again (e.g. the emulator restarted and forgot the token). */
  notice: string | null;
  onLoggedIn: (user: DemoUser) => void;
}

/** Local preview only: stands in for WeChat's identity by letting the developer pick a demo user. */
export function UserPicker({ devLogin, notice, onLoggedIn }: UserPickerProps) {
  const [users, setUsers] = useState<UsersState>({ status: 'loading' });
  const [pendingOpenid, setPendingOpenid] = useState<string | null>(null);
  const [loginError, setLoginError] = useState<string | null>(null);

  const loadUsers = useCallback(async () => {
    setUsers({ status: 'loading' });
    const result = await devLogin.listUsers();
    setUsers(
      result.ok
        ? { status: 'ready', users: result.data }
        : { status: 'failed', message: result.message },
    );
  }, [devLogin]);

  useEffect(() => {
    void loadUsers();
  }, [loadUsers]);

  const pick = async (user: DemoUser) => {
    if (pendingOpenid) return;
    setPendingOpenid(user.openid);
    setLoginError(null);
    const result = await devLogin.login(user.openid);
    setPendingOpenid(null);
    if (result.ok) onLoggedIn(result.data);
    else setLoginError(result.message);
  };

  return (
    <View className="user-picker">
      <Text className="user-picker__title">本地预览登录：选择演示用户</Text>
      <Text className="user-picker__hint">
        浏览器里没有微信身份，请选择一位演示用户进入。正式小程序由微信自动识别身份。
      </Text>
      {notice ? <Text className="user-picker__notice">{notice}</Text> : null}
      {loginError ? <Text className="user-picker__notice">{loginError}</Text> : null}

      {users.status === 'loading' ? <StatusBlock kind="loading" title="加载中…" /> : null}
      {users.status === 'failed' ? (
        <LoadFailed title="演示用户加载失败" message={users.message} onRetry={loadUsers} />
      ) : null}
      {users.status === 'ready' && users.users.length === 0 ? (
        <StatusBlock kind="empty" title="没有演示用户" message="请先在本地模拟器中导入演示数据" />
      ) : null}
      {users.status === 'ready'
        ? users.users.map((user) => (
            <Button
              key={user.openid}
              className="user-picker__user"
              hoverClass="user-picker__user--pressed"
              // Omitted rather than false: Taro's h5 button styles any [disabled] attribute, even "false".
              disabled={pendingOpenid !== null ? true : undefined}
              onClick={() => void pick(user)}
            >
              <Text className="user-picker__user-name">{user.name}</Text>
              <Text className="user-picker__user-role">
                {pendingOpenid === user.openid ? '登录中…' : user.roleLabel}
              </Text>
            </Button>
          ))
        : null}
    </View>
  );
}
