import { Button, Image, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback } from 'react';
import { CannotOpen, ResourcePage } from '../../../components/status-block';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { useResource } from '../../../hooks/use-resource';
import { decodeParam, openPage, routes } from '../../../routes';
import { getPledge } from '../../../services/campaigns';
import { formatChinaDateTime } from '../../../services/format';
import { photoSrc } from '../../../services/photos';
import '../sign/index.css';

/**
 * A target's 责任书 (`?id=&targetId=`): the text, and once signed who signed it, when, before
 * which member, with the signature as it was drawn.
 */
export default function PledgePage() {
  const params = useRouter().params;
  const campaignId = decodeParam(params.id);
  const targetId = decodeParam(params.targetId);
  const load = useCallback(() => getPledge(campaignId, targetId), [campaignId, targetId]);
  const { state, reload } = useResource(load);
  usePullRefresh(reload);
  if (!campaignId || !targetId) {
    return <CannotOpen missing="排查或走访对象" from="走访页面" />;
  }
  return (
    <ResourcePage state={state} onRetry={reload}>
      {(pledge) => (
        <View className="page pledge-view">
          <Text className="page__title">{pledge.campaignName} · 责任书</Text>
          <Text className="page__hint">{pledge.label}</Text>
          <View className="card">
            <Text className="pledge-letter">{pledge.letter}</Text>
          </View>
          {pledge.signed ? (
            <View className="card">
              <Text className="section__title">
                {pledge.signed.signerRole}：{pledge.signed.signerName}
              </Text>
              <Text className="small-note">
                {formatChinaDateTime(pledge.signed.at)} 签署 · 见证网格员 {pledge.signed.witness}
              </Text>
              {pledge.signed.letterHash !== pledge.letterHash ? (
                <Text className="notice notice--error">签署时的责任书内容与上文不一致</Text>
              ) : null}
              <Image
                className="pledge-signature"
                mode="widthFix"
                src={photoSrc(pledge.signed.fileId)}
                ariaLabel={`${pledge.signed.signerName}的签名`}
              />
            </View>
          ) : (
            <View className="card">
              <Text className="section__title">尚未签署</Text>
              <Button
                className="btn btn--primary btn--block"
                hoverClass="btn--pressed"
                onClick={() => openPage(routes.campaignSign(campaignId, targetId))}
              >
                去签署
              </Button>
            </View>
          )}
        </View>
      )}
    </ResourcePage>
  );
}
