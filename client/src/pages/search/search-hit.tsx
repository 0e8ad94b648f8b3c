import { Button, Text, View } from '@tarojs/components';
import { HouseholdCard, PersonRow } from '../../components/household-card';
import { openPage, routes } from '../../routes';
import type { HouseholdHit, NodeHit, PersonHit, SearchHit } from '../../services/search';

/** The server says per person what may be revealed; the page itself grants nothing more. */
const PER_PERSON = { idNumber: true, phone: true };

const MATCHED: Record<PersonHit['matched'], string | null> = {
  name: null,
  phone: '手机后四位',
  idNumber: '身份证后四位',
};

/** One result: what it is, where it sits, and the page to open for it. */
export function SearchHitCard({ hit }: { hit: SearchHit }) {
  return (
    <View className="card search-hit">
      {hit.kind === 'person' ? <PersonHitBody hit={hit} /> : null}
      {hit.kind === 'household' ? <HouseholdHitBody hit={hit} /> : null}
      {hit.kind === 'node' ? <NodeHitBody hit={hit} /> : null}
      <Text className="search-hit__path">{hit.path.map((place) => place.name).join(' › ')}</Text>
      <Button
        className="btn btn--secondary btn--small search-hit__open"
        hoverClass="btn--pressed"
        onClick={() => openPage(routes.gridDetail(hit.gridId))}
      >
        {hit.kind === 'node' ? '打开网格' : '查看所在网格'}
      </Button>
    </View>
  );
}

function PersonHitBody({ hit }: { hit: PersonHit }) {
  const matched = MATCHED[hit.matched];
  return (
    <View>
      {matched ? <Text className="tag">匹配{matched}</Text> : null}
      <PersonRow person={hit.person} reveal={PER_PERSON} />
      <Text className="search-hit__line">住址：{hit.address || '未登记'}</Text>
    </View>
  );
}

function HouseholdHitBody({ hit }: { hit: HouseholdHit }) {
  return <HouseholdCard household={hit.household} reveal={PER_PERSON} />;
}

function NodeHitBody({ hit }: { hit: NodeHit }) {
  const { node } = hit;
  return (
    <View>
      <View className="search-hit__head">
        <Text className="search-hit__title">{node.name}</Text>
        <Text className="tag">{node.levelName}</Text>
      </View>
      <Text className="search-hit__line">
        住户 {node.counts.households} · 居民 {node.counts.people}
        {node.leader ? ` · 网格长 ${node.leader.name}` : ''}
      </Text>
    </View>
  );
}
