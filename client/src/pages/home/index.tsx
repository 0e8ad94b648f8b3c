import { Button, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ERROR_MESSAGES } from '@gridguard/types';
import { LoadFailed, StatusBlock } from '../../components/status-block';
import { useFreshness } from '../../hooks/use-freshness';
import { devLogin, fetchIdentity, type DemoUser, type Identity } from '../../services/identity';
import { useElderClass } from '../../hooks/use-elder-mode';
import { ElderSwitch } from './elder-switch';
import { EntryButtons } from './entry-buttons';
import { FamilyToday } from './family-today';
import { IdentityCard } from './identity-card';
import { NoticesEntry } from './notices-entry';
import { PendingJoin } from './pending-join';
import { SetupEntry } from './setup-entry';
import { StaffTodos } from './staff-todos';
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

  // Changes whenever the caller changes, so the identity is fetched again after a user switch.
  const sessionKey = devLogin ? (devUser?.openid ?? null) : 'wechat';
  const signedIn = useRef(sessionKey !== null);
  signedIn.current = sessionKey !== null;

  // Others change who the caller is (a family member admits them, a leader confirms them), so
  // home asks again each time it is shown; whoami is one read.
  const started = useFreshness(
    () => {
      if (signedIn.current) void loadIdentity();
    },
    { topics: ['identity', 'household', 'joinRequests'], live: true },
  );

  const loadIdentity = useCallback(async () => {
    const request = ++latestRequest.current;
    started();
    // Read again in place: the card stays until the answer (a user switch has cleared it).
    setIdentity((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
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
  }, [started]);

  useEffect(() => {
    if (sessionKey !== null) void loadIdentity();
  }, [sessionKey, loadIdentity]);

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

  const rootClass = useElderClass('home');

  return (
    <View className={rootClass}>
      <View className="home__header">
        <Text className="home__title">网格守护</Text>
        <Text className="home__subtitle">党建引领 · 网格化疫情防控</Text>
      </View>

      {devLogin && devUser ? (
        <View className="dev-bar">
          <View className="dev-bar__who">
            <Text className="dev-bar__text">
              本地预览 · 当前用户：{devUser.name}（{devUser.roleLabel}）
            </Text>
            {/* What WeChat would hand the functions: for whoever tries the preview, never shown
                in the mini-program itself. */}
            <Text className="dev-bar__openid" userSelect>
              OPENID：{devUser.openid}
            </Text>
          </View>
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
        <PendingJoin
          fallback={
            <StatusBlock kind="empty" title="未登记" message={ERROR_MESSAGES.NOT_REGISTERED} />
          }
        />
        <ElderSwitch />
        <EntryButtons roles={[]} />
      </View>
    );
  }
  const gridId = identity.grid?.id ?? null;
  const staff = identity.roles.some(
    (role) => role === 'leader' || role === 'member' || role === 'command',
  );
  return (
    <View>
      {identity.roles.some((role) => role === 'leader' || role === 'command') ? (
        <UnreadReports />
      ) : null}
      {staff && gridId ? <StaffTodos gridId={gridId} /> : null}
      {identity.roles.includes('resident') ? <FamilyToday /> : null}
      {/* Residents read their household's nodes' notices, staff their own nodes'. */}
      {identity.roles.includes('resident') || staff ? <NoticesEntry /> : null}
      <ElderSwitch />
      <EntryButtons roles={identity.roles} gridId={gridId} />
      <IdentityCard identity={identity} />
    </View>
  );
}
