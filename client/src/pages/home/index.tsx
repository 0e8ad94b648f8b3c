import { Button, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ERROR_MESSAGES } from '@gridguard/types';
import { LoadFailed, StatusBlock } from '../../components/status-block';
import { changeVersion } from '../../services/changes';
import { devLogin, fetchIdentity, type DemoUser, type Identity } from '../../services/identity';
import { EntryButtons } from './entry-buttons';
import { IdentityCard, OpenidLine } from './identity-card';
import { SetupEntry } from './setup-entry';
import { UnreadReports } from './unread-reports';
import { UserPicker } from './user-picker';
import './index.css';

type IdentityState =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; identity: Identity };

export default function HomePage() {
  // On weapp WeChat vouches for the user; only the h5 preview has someone to pick.
  const [devUser, setDevUser] = useState<DemoUser | null>(() => devLogin?.current() ?? null);
  const [loginNotice, setLoginNotice] = useState<string | null>(null);
  const [identity, setIdentity] = useState<IdentityState>({ status: 'loading' });
  const latestRequest = useRef(0);
  const seenVersion = useRef(changeVersion());

  // Changes whenever the caller changes, so the identity is fetched again after a user switch.
  const sessionKey = devLogin ? (devUser?.openid ?? null) : 'wechat';

  const loadIdentity = useCallback(async () => {
    const request = ++latestRequest.current;
    seenVersion.current = changeVersion();
    setIdentity({ status: 'loading' });
    const result = await fetchIdentity();
    // A slower answer for the previous user must not overwrite the current one.
    if (request !== latestRequest.current) return;
    if (result.ok) {
      setIdentity({ status: 'ready', identity: result.data });
    } else if (result.code === 'UNAUTHENTICATED' && devLogin && !devLogin.current()) {
      setLoginNotice(result.message);
      setDevUser(null);
    } else {
      setIdentity({ status: 'failed', message: result.message });
    }
  }, []);

  useEffect(() => {
    if (sessionKey !== null) void loadIdentity();
  }, [sessionKey, loadIdentity]);

  // Back from a page that wrote (初始化 makes the caller 指挥部, a join makes them a member), what
  // home says about the caller may be stale.
  useDidShow(() => {
    if (sessionKey !== null && seenVersion.current !== changeVersion()) void loadIdentity();
  });

  const switchUser = () => {
    devLogin?.logout();
    setLoginNotice(null);
    setDevUser(null);
    // Never show the previous user's card, even for the one frame before the next fetch starts.
    setIdentity({ status: 'loading' });
  };

  const onLoggedIn = (user: DemoUser) => {
    setLoginNotice(null);
    setDevUser(user);
  };

  return (
    <View className="home">
      <View className="home__header">
        <Text className="home__title">网格守护</Text>
        <Text className="home__subtitle">党建引领 · 网格化疫情防控</Text>
      </View>

      {devLogin && devUser ? (
        <View className="dev-bar">
          <Text className="dev-bar__text">
            本地预览 · 当前用户：{devUser.name}（{devUser.roleLabel}）
          </Text>
          <Button
            className="dev-bar__switch"
            hoverClass="dev-bar__switch--pressed"
            onClick={switchUser}
          >
            切换用户
          </Button>
        </View>
      ) : null}

      {devLogin && !devUser ? (
        <UserPicker devLogin={devLogin} notice={loginNotice} onLoggedIn={onLoggedIn} />
      ) : (
        <IdentityView state={identity} onRetry={() => void loadIdentity()} />
      )}
    </View>
  );
}

function IdentityView({ state, onRetry }: { state: IdentityState; onRetry: () => void }) {
  if (state.status === 'loading') {
    return <StatusBlock kind="loading" title="加载中…" />;
  }
  if (state.status === 'failed') {
    return <LoadFailed message={state.message} onRetry={onRetry} />;
  }
  const { identity } = state;
  if (!identity.registered) {
    return (
      <View>
        <SetupEntry />
        <StatusBlock kind="empty" title="未登记" message={ERROR_MESSAGES.NOT_REGISTERED} />
        <EntryButtons roles={[]} />
        <OpenidLine openid={identity.openid} />
      </View>
    );
  }
  return (
    <View>
      {identity.roles.some((role) => role === 'leader' || role === 'command') ? (
        <UnreadReports />
      ) : null}
      <EntryButtons roles={identity.roles} gridId={identity.grid?.id ?? null} />
      <IdentityCard identity={identity} />
    </View>
  );
}
