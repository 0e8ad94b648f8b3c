import { Button, Canvas, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FunctionResult } from '@gridguard/types';
import { LoadFailed, MissingGrid, StatusBlock } from '../../components/status-block';
import { useResource } from '../../hooks/use-resource';
import { toastDone } from '../../interaction';
import { platform, type CanvasNode } from '../../platform';
import { decodeParam } from '../../routes';
import { findCanvas } from './canvas-node';
import {
  CARDS_PER_SHEET,
  drawCardImage,
  drawSheetImage,
  IMAGE_HEIGHT,
  IMAGE_WIDTH,
  sheetsOf,
  type DrawnQr,
  type PosterCard,
  type PosterContext,
} from './draw';
import { loadHouseholdCard, loadNodeCards, MAX_HOUSEHOLDS, type PosterSet } from './load';
import './index.css';

/**
 * 打印门牌码: `?gridId=` prints every household of the node as sheets of cards; with
 * `&householdId=` (the household's own leaf as gridId) one household's card.
 */
export default function PostersPage() {
  const params = useRouter().params;
  const gridId = decodeParam(params.gridId);
  const householdId = decodeParam(params.householdId);
  if (!gridId) return <MissingGrid />;
  return <PostersLoader gridId={gridId} householdId={householdId} />;
}

function PostersLoader({ gridId, householdId }: { gridId: string; householdId: string }) {
  const [progress, setProgress] = useState<{ read: number; total: number } | null>(null);
  const load = useCallback((): Promise<FunctionResult<PosterSet | null>> => {
    const onProgress = (read: number, total: number) => setProgress({ read, total });
    return householdId
      ? loadHouseholdCard(gridId, householdId, onProgress)
      : loadNodeCards(gridId, onProgress);
  }, [gridId, householdId]);
  const { state, reload } = useResource(load);

  if (state.status === 'loading') {
    return (
      <View className="page">
        <StatusBlock
          kind="loading"
          title="正在读取住户…"
          {...(progress && progress.total > 0 && !householdId
            ? {
                message: `已读取 ${progress.read} / ${Math.min(progress.total, MAX_HOUSEHOLDS)} 户`,
              }
            : {})}
        />
      </View>
    );
  }
  if (state.status === 'failed') {
    return (
      <View className="page">
        <LoadFailed title="住户读取失败" message={state.message} onRetry={reload} />
      </View>
    );
  }
  const set = state.data;
  if (!set || set.cards.length === 0) {
    return (
      <View className="page">
        <StatusBlock
          kind="empty"
          title={set ? '暂无住户' : '未找到该住户'}
          message={
            set
              ? `「${set.title}」下还没有住户，登记住户后再来打印门牌码`
              : '该住户可能已被删除或移到其他网格，请返回后刷新再试'
          }
        />
      </View>
    );
  }
  return <PosterPreview set={set} />;
}

// The h5 preview keeps earlier pages in the document and queries it whole: each canvas needs
// its own id, or a second posters page would draw on the first one's canvas.
let canvasesCreated = 0;

/** Taro's h5 canvas clears itself whenever its element re-renders: it is rendered once, as is. */
const PosterCanvas = memo(function PosterCanvas({
  id,
  width,
  height,
}: {
  id: string;
  width: number;
  height: number;
}) {
  return (
    <Canvas
      type="2d"
      id={id}
      className="posters__canvas"
      style={{ width: `${width}px`, height: `${height}px` }}
    />
  );
});

/** The preview is the canvas itself, shrunk to the screen's width (page padding 32 of 750). */
function previewSize(): { width: number; height: number } {
  const windowWidth = Taro.getSystemInfoSync().windowWidth || 375;
  const width = Math.floor((windowWidth * 686) / 750);
  return { width, height: Math.floor((width * IMAGE_HEIGHT) / IMAGE_WIDTH) };
}

function fileNameOf(set: PosterSet, index: number, count: number): string {
  const safe = set.title.replace(/[\\/:*?"<>|\s]+/g, '');
  return count > 1 ? `门牌码-${safe}-${index + 1}.png` : `门牌码-${safe}.png`;
}

function PosterPreview({ set }: { set: PosterSet }) {
  const images = useMemo<PosterCard[][]>(
    () => (set.single ? [set.cards] : sheetsOf(set.cards)),
    [set],
  );
  const [canvasId] = useState(() => `posters-canvas-${++canvasesCreated}`);
  const [size] = useState(previewSize);
  const [index, setIndex] = useState(0);
  const [drawn, setDrawn] = useState<DrawnQr[] | null>(null);
  const [drawFailed, setDrawFailed] = useState(false);
  const [busy, setBusy] = useState<'one' | 'all' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const node = useRef<CanvasNode | null>(null);

  /** Draws image `i` and returns the canvas holding it, or null when there is no canvas. */
  const paint = useCallback(
    async (i: number): Promise<{ canvas: CanvasNode; qrs: DrawnQr[] } | null> => {
      node.current ??= await findCanvas(`#${canvasId}`);
      const canvas = node.current;
      const cards = images[i];
      if (!canvas || !cards) return null;
      // Setting the size also clears what was drawn before.
      canvas.width = IMAGE_WIDTH;
      canvas.height = IMAGE_HEIGHT;
      const ctx = canvas.getContext('2d') as PosterContext | null;
      if (!ctx) return null;
      const qrs = set.single
        ? drawCardImage(ctx, cards[0] as PosterCard)
        : drawSheetImage(ctx, cards, `${set.title} · 第 ${i + 1} / ${images.length} 张`);
      return { canvas, qrs };
    },
    [canvasId, images, set],
  );

  useEffect(() => {
    let current = true;
    setDrawn(null);
    paint(index)
      .then((result) => {
        if (!current) return;
        setDrawFailed(result === null);
        setDrawn(result?.qrs ?? null);
      })
      .catch((error: unknown) => {
        console.error('[posters] draw', error);
        if (current) setDrawFailed(true);
      });
    return () => {
      current = false;
    };
  }, [paint, index]);

  const save = async (which: 'one' | 'all') => {
    if (busy) return;
    setBusy(which);
    setMessage(null);
    const indexes = which === 'all' ? images.map((_, i) => i) : [index];
    let saved = 0;
    let where: 'album' | 'download' = 'album';
    let failure: string | null = null;
    for (const i of indexes) {
      // Drawn again right before saving: the picture saved is exactly the one asked for.
      const painted = await paint(i).catch(() => null);
      if (!painted) {
        failure = '图片生成失败，请重试';
        break;
      }
      const result = await platform.saveCanvasImage(
        painted.canvas,
        fileNameOf(set, i, images.length),
      );
      if (!result.ok) {
        failure = result.message;
        break;
      }
      where = result.data;
      saved += 1;
    }
    // Saving all went through every image: show again the one the user was looking at.
    if (which === 'all') await paint(index).catch(() => null);
    setBusy(null);
    if (failure) {
      setMessage(saved > 0 ? `已保存 ${saved} 张；${failure}` : failure);
      return;
    }
    if (which === 'all') toastDone(`已保存 ${saved} 张`);
    else toastDone(where === 'album' ? '已保存到相册' : '已开始下载');
  };

  const count = images.length;
  const capped = set.total > set.cards.length;
  return (
    <View className="page posters">
      <Text className="page__title">{set.single ? set.title : `${set.title}的门牌码`}</Text>
      <Text className="page__hint">
        {set.single
          ? '按 A6 纸（或 A4 纸的四分之一）打印，张贴在家门口。'
          : `共 ${set.cards.length} 户，每张 ${CARDS_PER_SHEET} 户，共 ${count} 张。按 A4 纸打印，沿虚线裁开，张贴在各户门口。`}
      </Text>
      {capped ? (
        <Text className="notice posters__cap">
          该网格共 {set.total} 户，一次最多生成 {MAX_HOUSEHOLDS} 户（按地址排序的前 {MAX_HOUSEHOLDS}{' '}
          户）。其余住户请进入下级网格分别打印。
        </Text>
      ) : null}

      <View className="posters__preview" data-qr={drawn ? JSON.stringify(drawn) : ''}>
        <PosterCanvas id={canvasId} width={size.width} height={size.height} />
      </View>
      {drawFailed ? (
        <Text className="notice notice--error">门牌码绘制失败，请返回后重新打开此页</Text>
      ) : null}

      {count > 1 ? (
        <View className="posters__pager">
          <Button
            className="btn btn--secondary"
            hoverClass="btn--pressed"
            disabled={index === 0 || busy !== null ? true : undefined}
            onClick={() => setIndex((i) => Math.max(0, i - 1))}
          >
            上一张
          </Button>
          <Text className="posters__page">
            第 {index + 1} / {count} 张
          </Text>
          <Button
            className="btn btn--secondary"
            hoverClass="btn--pressed"
            disabled={index === count - 1 || busy !== null ? true : undefined}
            onClick={() => setIndex((i) => Math.min(count - 1, i + 1))}
          >
            下一张
          </Button>
        </View>
      ) : null}

      {message ? <Text className="notice notice--error">{message}</Text> : null}
      <Button
        className="btn btn--primary btn--block"
        hoverClass="btn--pressed"
        disabled={busy !== null || !drawn ? true : undefined}
        onClick={() => void save('one')}
      >
        {busy === 'one' ? '保存中…' : '保存图片'}
      </Button>
      {count > 1 ? (
        <Button
          className="btn btn--secondary btn--block"
          hoverClass="btn--pressed"
          disabled={busy !== null || !drawn ? true : undefined}
          onClick={() => void save('all')}
        >
          {busy === 'all' ? '保存中…' : `全部保存（${count} 张）`}
        </Button>
      ) : null}
      <Text className="small-note">
        {platform.kind === 'weapp'
          ? '图片保存到手机相册，可发送到电脑或打印店打印。'
          : '图片以 PNG 文件下载到本机。'}
        二维码即门牌码本身，居民在「加入网格 → 加入住户」中扫码即可填入。
      </Text>
    </View>
  );
}
