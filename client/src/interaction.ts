import Taro from '@tarojs/taro';

/** Asks before anything is deleted, revoked or removed; resolves true only on an explicit 确定. */
export async function confirmDestructive(content: string, confirmText = '确定'): Promise<boolean> {
  try {
    const res = await Taro.showModal({
      title: '请确认',
      content,
      confirmText,
      confirmColor: '#b3261e',
      cancelText: '取消',
    });
    return res.confirm;
  } catch {
    return false;
  }
}

/** A short success note; failures are shown on the page instead, where they can be read in full. */
export function toastDone(title: string): void {
  // WeChat cuts toast titles at 7 characters when an icon is shown.
  void Taro.showToast({ title, icon: title.length > 7 ? 'none' : 'success', duration: 1500 });
}

/** Asks before something that alerts others (a fever report); resolves true only on 确定. */
export async function confirmAttention(
  title: string,
  content: string,
  confirmText = '确定提交',
): Promise<boolean> {
  try {
    const res = await Taro.showModal({
      title,
      content,
      confirmText,
      confirmColor: '#b3261e',
      cancelText: '返回修改',
    });
    return res.confirm;
  } catch {
    return false;
  }
}

/** Asks before a step that cannot be taken back but deletes nothing (确认收货). */
export async function askToConfirm(
  title: string,
  content: string,
  confirmText: string,
): Promise<boolean> {
  try {
    const res = await Taro.showModal({
      title,
      content,
      confirmText,
      confirmColor: '#c8161d',
      cancelText: '再想想',
    });
    return res.confirm;
  } catch {
    return false;
  }
}

/**
 * Brings the first field marked with an error (FormField's form-field--invalid) into view, once
 * the render that marks it has reached the screen: a refused form never leaves its reason below
 * the fold.
 */
export function scrollToFirstError(): void {
  setTimeout(() => {
    Taro.nextTick(() => {
      Taro.pageScrollTo({ selector: '.form-field--invalid', duration: 200 }).catch(
        (error: unknown) => {
          // Nothing marked (the refusal was about the form as a whole): the message is by the button.
          console.warn('[scrollToFirstError]', error);
        },
      );
    });
  }, 0);
}
