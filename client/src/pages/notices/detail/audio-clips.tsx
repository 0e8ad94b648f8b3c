import { Button, Text, View } from '@tarojs/components';
import { useDidHide } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { platform, type AudioPlayer } from '../../../platform';
import type { NoticeAudioView } from '../../../services/notices';

/** `1分20秒`, `45秒`: how long a clip is, as a listener reads it. */
export function clipLength(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return `${rest}秒`;
  return rest === 0 ? `${minutes}分钟` : `${minutes}分${rest}秒`;
}

/** Which clip the player holds, and whether it is starting, sounding or paused. */
type Playing = { fileId: string; phase: 'starting' | 'sounding' | 'paused' } | null;

/** What pressing the clip's button does next, said on the button. */
const ACTION_LABELS = {
  stopped: '播放',
  starting: '正在加载…',
  sounding: '暂停',
  paused: '继续播放',
} as const;

/**
 * A notice's recordings, each one big play/pause button with its language or dialect and length,
 * for residents who cannot read the text. One clip at a time: playing another stops the first.
 */
export function AudioClips({ clips }: { clips: NoticeAudioView[] }) {
  const [playing, setPlaying] = useState<Playing>(null);
  const [error, setError] = useState<string | null>(null);
  const player = useRef<AudioPlayer | null>(null);
  /** Bumped by every press: a play that answers after a later press is not shown. */
  const presses = useRef(0);

  useEffect(() => {
    const created = platform.createAudioPlayer({
      onEnded: () => setPlaying(null),
      onError: (message) => {
        setPlaying(null);
        setError(message);
      },
    });
    player.current = created;
    return () => {
      player.current = null;
      created.destroy();
    };
  }, []);

  // Another page, a picture or a PDF in front: the recording waits for the listener.
  useDidHide(() => {
    presses.current += 1;
    player.current?.pause();
    setPlaying((now) => (now ? { ...now, phase: 'paused' } : now));
  });

  const press = useCallback(
    async (fileId: string) => {
      const current = player.current;
      if (!current) return;
      const press = ++presses.current;
      setError(null);
      if (playing?.fileId === fileId && playing.phase !== 'paused') {
        current.pause();
        setPlaying({ fileId, phase: 'paused' });
        return;
      }
      setPlaying({ fileId, phase: 'starting' });
      const result = await current.play(fileId);
      if (press !== presses.current) return;
      if (result.ok) {
        setPlaying({ fileId, phase: 'sounding' });
      } else {
        setPlaying(null);
        setError(result.message);
      }
    },
    [playing],
  );

  return (
    <View className="notice-audio">
      <Text className="section__title">语音播报</Text>
      {clips.map((clip) => {
        const phase = playing?.fileId === clip.fileId ? playing.phase : null;
        return (
          <Button
            key={clip.fileId}
            className={
              phase === 'sounding'
                ? 'notice-audio__clip notice-audio__clip--playing'
                : 'notice-audio__clip'
            }
            hoverClass="notice-audio__clip--pressed"
            onClick={() => void press(clip.fileId)}
          >
            <Text className="notice-audio__icon">{phase === 'sounding' ? '⏸' : '▶'}</Text>
            <View className="notice-audio__text">
              <Text className="notice-audio__action">{ACTION_LABELS[phase ?? 'stopped']}</Text>
              <Text className="notice-audio__label">
                {clip.label} · {clipLength(clip.seconds)}
              </Text>
            </View>
          </Button>
        );
      })}
      {error ? <Text className="notice notice--error">{error}</Text> : null}
    </View>
  );
}
