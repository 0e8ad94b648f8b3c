import { Button, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { CallButton } from '../../../components/call-button';
import { ListHead } from '../../../components/list-head';
import { PagedStates } from '../../../components/paged-states';
import { MissingGrid } from '../../../components/status-block';
import { usePagedList } from '../../../hooks/use-paged-list';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { decodeParam } from '../../../routes';
import {
  annotateEntry,
  callOutsider,
  siteEntries,
  type EntryView,
} from '../../../services/checkpoints-gate';
import { EntryCard } from '../shared/entry-card';
import '../shared.css';

/**
 * A site's log (`?siteId=`), newest first, masked: entries are never edited; a member on duty
 * adds a note (备注) under one, and calls an outsider through the audited reveal.
 */
export default function LogPage() {
  const siteId = decodeParam(useRouter().params['siteId']);
  const fetchPage = useCallback((page: number) => siteEntries(siteId, page), [siteId]);
  const list = usePagedList(fetchPage, { topics: ['checkpoints'] });
  usePullRefresh(list.reload);
  if (!siteId) return <MissingGrid />;
  return (
    <View className="page">
      <ListHead title="登记记录" list={list.state} unit="条" level="page" />
      <PagedStates
        list={list}
        failedTitle="登记记录加载失败"
        empty={{ title: '暂无登记', message: '值守登记后会出现在这里' }}
      >
        {(items) => (
          <>
            {items.map((entry) => (
              <View key={entry.id} className="card">
                <EntryCard entry={entry} />
                {entry.phoneMasked ? (
                  <CallButton label="拨打来访人员" call={() => callOutsider(entry.id, entry.who)} />
                ) : null}
                <AnnotateForm entry={entry} />
              </View>
            ))}
          </>
        )}
      </PagedStates>
    </View>
  );
}

function AnnotateForm({ entry }: { entry: EntryView }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (busy) return;
    setBusy(true);
    const result = await annotateEntry(entry.id, text);
    setBusy(false);
    if (!result.ok) return void Taro.showToast({ title: result.message, icon: 'none' });
    setText('');
  };
  return (
    <View>
      <Textarea
        className="text-input"
        value={text}
        maxlength={200}
        placeholder="添加备注（登记内容不可修改，可在此更正说明）"
        onInput={(e) => setText(e.detail.value)}
      />
      <Button
        className="btn btn--secondary btn--small"
        disabled={busy || text.trim().length < 2 ? true : undefined}
        onClick={() => void save()}
      >
        添加备注
      </Button>
    </View>
  );
}
