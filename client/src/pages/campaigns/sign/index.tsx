import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { FunctionResult } from '@gridguard/types';
import { TextField } from '../../../components/form-field';
import { CannotOpen, ResourcePage, StatusBlock } from '../../../components/status-block';
import { SubmitBar } from '../../../components/submit-bar';
import { useResource } from '../../../hooks/use-resource';
import { confirmAttention, toastDone } from '../../../interaction';
import { decodeParam, routes } from '../../../routes';
import {
  getCampaign,
  getTarget,
  signPledge,
  uploadSignature,
  type CampaignView,
  type TargetDetail,
} from '../../../services/campaigns';
import { SignaturePad, type SignaturePadHandle } from './signature-pad';
import './index.css';

const PAD_ID = 'pledge-signature-pad';
const PAD_HEIGHT = 220;

async function loadLetter(
  campaignId: string,
  targetId: string,
): Promise<FunctionResult<{ campaign: CampaignView; target: TargetDetail }>> {
  const [campaign, target] = await Promise.all([
    getCampaign(campaignId),
    getTarget(campaignId, targetId),
  ]);
  if (!campaign.ok) return campaign;
  if (!target.ok) return target;
  return { ok: true, data: { campaign: campaign.data, target: target.data } };
}

/**
 * 签署责任书 (`?id=&targetId=`): the landlord or 负责人 reads the campaign's letter on the
 * member's phone, writes their name and signs with a finger. The signature is uploaded once per
 * signing (a retry of the record reuses it), then recorded with the version of the text shown.
 */
export default function SignPage() {
  const params = useRouter().params;
  const campaignId = decodeParam(params.id);
  const targetId = decodeParam(params.targetId);
  const load = useCallback(() => loadLetter(campaignId, targetId), [campaignId, targetId]);
  const { state, reload } = useResource(load);
  if (!campaignId || !targetId) {
    return <CannotOpen missing="排查或走访对象" from="走访页面" />;
  }
  return (
    <ResourcePage state={state} onRetry={reload}>
      {({ campaign, target }) =>
        campaign.letter === null || campaign.letterHash === null ? (
          <View className="page">
            <StatusBlock kind="empty" title="本次排查没有责任书" />
          </View>
        ) : target.pledge === 'signed' ? (
          <View className="page">
            <StatusBlock kind="empty" title="该责任书已签署" />
            <Button
              className="btn btn--primary btn--block"
              hoverClass="btn--pressed"
              onClick={() =>
                void Taro.redirectTo({ url: routes.campaignPledge(campaignId, targetId) })
              }
            >
              查看已签署的责任书
            </Button>
          </View>
        ) : (
          <SignForm
            campaign={campaign}
            target={target}
            letter={campaign.letter}
            letterHash={campaign.letterHash}
          />
        )
      }
    </ResourcePage>
  );
}

function SignForm(props: {
  campaign: CampaignView;
  target: TargetDetail;
  letter: string;
  letterHash: string;
}) {
  const { campaign, target } = props;
  const pad = useRef<SignaturePadHandle>(null);
  const [signerName, setSignerName] = useState(target.signer?.name ?? '');
  /** The signature uploaded for this signing: sending the record again reuses it. */
  const [fileId, setFileId] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const role = target.signer?.role ?? (target.kind === 'rental' ? '房东' : '负责人');

  const onSubmit = async () => {
    const found: Record<string, string> = {};
    if (!signerName.trim()) found.signerName = '请填写签署人姓名';
    if (!fileId && !pad.current?.drawn()) found.signature = `请${role}在框内签名`;
    setErrors(found);
    setMessage(null);
    if (Object.keys(found).length > 0) return;
    const sure = await confirmAttention(
      '确认签署',
      `${signerName.trim()}已阅读并同意《${campaign.name}》责任书，签署后不能修改。`,
      '确认签署',
    );
    if (!sure) return;
    setBusy(true);
    try {
      let uploaded = fileId;
      if (!uploaded) {
        const canvas = pad.current?.canvas();
        if (!canvas) {
          setMessage('签名板尚未准备好，请稍后重试');
          return;
        }
        const result = await uploadSignature(campaign.id, target.id, canvas);
        if (!result.ok) {
          setMessage(result.message);
          return;
        }
        uploaded = result.data.fileID;
        setFileId(uploaded);
      }
      const signed = await signPledge({
        campaignId: campaign.id,
        targetId: target.id,
        signerName,
        letterHash: props.letterHash,
        fileId: uploaded,
      });
      if (!signed.ok) {
        setMessage(signed.message);
        return;
      }
      toastDone('已签署');
      void Taro.redirectTo({ url: routes.campaignPledge(campaign.id, target.id) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page pledge-sign">
      <Text className="page__title">{campaign.name} · 责任书</Text>
      <Text className="page__hint">{target.label}</Text>
      <View className="card">
        <Text className="pledge-letter">{props.letter}</Text>
      </View>
      <TextField
        label={`签署人（${role}）`}
        error={errors.signerName}
        value={signerName}
        maxlength={20}
        placeholder={`${role}姓名`}
        onChange={setSignerName}
      />
      <View className="section">
        <Text className="section__title">请{role}在框内手写签名</Text>
        {fileId ? (
          <Text className="small-note">签名已上传，正在等待保存；如保存失败请直接重试</Text>
        ) : (
          <SignaturePad ref={pad} id={PAD_ID} height={PAD_HEIGHT} />
        )}
        {errors.signature ? <Text className="notice notice--error">{errors.signature}</Text> : null}
        {fileId ? null : (
          <Button
            className="btn btn--secondary btn--block"
            hoverClass="btn--pressed"
            onClick={() => pad.current?.clear()}
          >
            清除重签
          </Button>
        )}
      </View>
      <SubmitBar
        message={message}
        busy={busy}
        label="确认签署"
        busyLabel="保存中…"
        onSubmit={() => void onSubmit()}
      />
    </View>
  );
}
