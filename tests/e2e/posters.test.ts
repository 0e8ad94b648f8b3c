/**
 * 打印门牌码 in the h5 preview: a leader opens the door-code sheet of a leaf node from 网格详情,
 * sees it drawn on the canvas with a QR code per household that encodes exactly that household's
 * door code, and 保存图片 downloads it as a PNG of the full A4 size.
 */
import fs from 'node:fs';
import qrcode from 'qrcode-generator';
import type { Page } from 'playwright-core';
import { actingAs, dataOf } from '../helpers/actions';
import { button, loginAs, openEntry, usePreview, visible } from '../helpers/h5';

jest.setTimeout(120_000);

const LEAF = 'g-shatou-b1-h1';
const LEAF_NAME = '第一户联系党小组';
/** The quiet zone the client draws around every symbol, in modules. */
const QUIET_ZONE = 4;

interface DrawnQr {
  text: string;
  x: number;
  y: number;
  module: number;
  modules: number;
}

/** Dark pixels on the canvas: the drawing has happened and is not a blank sheet. */
function inkedPixels(page: Page): Promise<number> {
  return visible(page, '.posters__preview canvas').evaluate((element: HTMLCanvasElement) => {
    const context = element.getContext('2d');
    if (!context || element.width === 0) return 0;
    const { data } = context.getImageData(0, 0, element.width, element.height);
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.max(data[i] ?? 255, data[i + 1] ?? 255, data[i + 2] ?? 255) < 100) inked += 1;
    }
    return inked;
  });
}

/** The QR symbol as drawn: dark or light at the centre of every module, quiet zone included. */
function readModules(page: Page, qr: DrawnQr): Promise<boolean[][]> {
  return visible(page, '.posters__preview canvas').evaluate((element: HTMLCanvasElement, at) => {
    const context = element.getContext('2d');
    if (!context) return [];
    const size = at.module * at.modules;
    const { data } = context.getImageData(at.x, at.y, size, size);
    return Array.from({ length: at.modules }, (_, row) =>
      Array.from({ length: at.modules }, (_, column) => {
        const px = Math.floor((column + 0.5) * at.module);
        const py = Math.floor((row + 0.5) * at.module);
        return (data[(py * size + px) * 4] ?? 255) < 128;
      }),
    );
  }, qr);
}

/** The symbol a standard encoder makes of `text` (same level M the client uses), with its margin. */
function expectedModules(text: string): boolean[][] {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Alphanumeric');
  qr.make();
  const count = qr.getModuleCount();
  const size = count + QUIET_ZONE * 2;
  return Array.from({ length: size }, (_, row) =>
    Array.from({ length: size }, (_, column) => {
      const r = row - QUIET_ZONE;
      const c = column - QUIET_ZONE;
      return r >= 0 && c >= 0 && r < count && c < count && qr.isDark(r, c);
    }),
  );
}

describe('打印门牌码', () => {
  const preview = usePreview();
  const { pageErrors } = preview;
  let leader: Page;

  beforeAll(async () => {
    leader = await preview.openPage();
  });

  it('a leader opens the sheet of a leaf from 网格详情 and it is drawn with every code', async () => {
    const asLeader = actingAs(preview.server.emulator, 'oDemoLeader');
    const households = dataOf(await asLeader('grids', 'households', { gridId: LEAF, page: 1 }));
    expect(households.total).toBeGreaterThan(0);
    expect(households.total).toBeLessThanOrEqual(8);

    await loginAs(leader, preview.url, '陈建华');
    await openEntry(leader, '我的网格');
    await visible(leader, '.grid-node', '沙头社区').click();
    await visible(leader, '.grid-node', '第一经济社党支部').click();
    await visible(leader, '.grid-node', LEAF_NAME).click();
    await visible(leader, '.node-header', LEAF_NAME).waitFor();
    await button(leader, '打印门牌码').click();

    await visible(leader, '.page__title', `${LEAF_NAME}的门牌码`).waitFor();
    expect(await visible(leader, '.posters').textContent()).toContain(
      `共 ${households.total} 户，每张 8 户，共 1 张`,
    );
    // Drawn a moment after the canvas appears (its node is looked up once rendered).
    let inked = 0;
    for (let attempt = 0; attempt < 40 && inked <= 20_000; attempt += 1) {
      inked = await inkedPixels(leader);
      if (inked <= 20_000) await leader.waitForTimeout(100);
    }
    expect(inked).toBeGreaterThan(20_000);
    const size = await visible(leader, '.posters__preview canvas').evaluate(
      (element: HTMLCanvasElement) => [element.width, element.height],
    );
    expect(size).toEqual([1240, 1754]);

    // One QR code per household, each the standard symbol of that household's door code.
    const drawn = JSON.parse(
      (await visible(leader, '.posters__preview').getAttribute('data-qr')) ?? '[]',
    ) as DrawnQr[];
    expect(drawn.map((qr) => qr.text).sort()).toEqual(households.items.map((h) => h.code).sort());
    for (const qr of drawn) {
      expect(qr.module).toBeGreaterThanOrEqual(4);
      expect(await readModules(leader, qr)).toEqual(expectedModules(qr.text));
    }
    expect(pageErrors).toEqual([]);
  });

  it('保存图片 downloads the sheet as a PNG at its full size', async () => {
    const [download] = await Promise.all([
      leader.waitForEvent('download'),
      button(leader, '保存图片').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`门牌码-${LEAF_NAME}.png`);
    const file = await download.path();
    const bytes = fs.readFileSync(file);
    // The PNG signature, then the IHDR chunk's width and height.
    expect(bytes.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1240, 1754]);
    await button(leader, '保存图片').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
