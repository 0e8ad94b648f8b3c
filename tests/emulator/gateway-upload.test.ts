import ExcelJS from 'exceljs';
import { IMPORT_MAX_BYTES, type ErrandView, type FunctionResult } from '@gridguard/types';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { connectSdk, tempDir } from '../helpers/emulator';
import { gatewayCall, gatewayLogin, gatewayUpload } from '../helpers/gateway';
import { solidPng } from '../helpers/images';

/** The demo town, so the fileID can be handed to the real errands router afterwards. */
let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({ dataDir: tempDir() });
});
afterAll(() => server.close());

const PHOTO = solidPng(4, 3, [200, 22, 29]);
const OTHER_PHOTO = solidPng(3, 4, [22, 200, 29]);
/** Where the volunteer (oDemoVolunteer) may upload: photos/<own openid>/<name>. */
const own = (name: string) => `photos/oDemoVolunteer/${name}`;
const stored = (cloudPath: string) => server.emulator.storage.read(cloudPath);

describe('the h5 gateway upload (the preview’s wx.cloud.uploadFile)', () => {
  it('stores a picture under the caller’s own folder and answers with a fileID the SDK can read', async () => {
    const token = await gatewayLogin(server.emulator, 'oDemoVolunteer');
    const reply = await gatewayUpload(server.emulator, token, own('receipt-1.png'), PHOTO);

    expect(reply.status).toBe(200);
    expect(reply.body.errMsg).toBe('cloud.uploadFile:ok');
    expect(reply.body.fileID).toBe(server.emulator.storage.fileIdOf(own('receipt-1.png')));
    expect(reply.body.fileID).toMatch(/^cloud:\/\/local-dev\./);

    const cloud = connectSdk(server.emulator);
    const downloaded = (await cloud.downloadFile({ fileID: reply.body.fileID ?? '' })) as {
      fileContent: Buffer;
    };
    expect(downloaded.fileContent).toEqual(PHOTO);
  });

  it('refuses another user’s folder and every path that is not photos/<own openid>/<name>', async () => {
    const token = await gatewayLogin(server.emulator, 'oDemoVolunteer');
    const paths = [
      'photos/oDemoResident/receipt.png',
      'errands/e-1/receipt.png',
      'receipt.png',
      `/${own('lead.png')}`,
      own('sub/deeper.png'),
      own('../oDemoVolunteer/climb.png'),
      'photos/oDemoVolunteer/../oDemoResident/a.png',
      own('.hidden.png'),
      own('a..png'),
      own('-dash.png'),
      own('a b.png'),
      own('小票.png'),
      own(`${'a'.repeat(97)}.png`),
      'photos/oDemoVolunteerX/a.png',
      'photos//a.png',
      own(''),
    ];
    for (const cloudPath of paths) {
      const reply = await gatewayUpload(server.emulator, token, cloudPath, PHOTO);
      expect({ cloudPath, status: reply.status, errMsg: reply.body.errMsg }).toEqual({
        cloudPath,
        status: 400,
        errMsg: 'cloud.uploadFile:fail 上传路径无效',
      });
    }
    expect(stored('photos/oDemoResident/receipt.png')).toBeUndefined();
    expect(stored('errands/e-1/receipt.png')).toBeUndefined();
    expect(stored('photos/oDemoResident/a.png')).toBeUndefined();
  });

  it('takes the longest name allowed (100 characters)', async () => {
    const token = await gatewayLogin(server.emulator, 'oDemoVolunteer');
    const name = `${'a'.repeat(96)}.png`;
    expect((await gatewayUpload(server.emulator, token, own(name), PHOTO)).status).toBe(200);
  });

  it('never replaces a stored file: the second upload to a path is 409 and the first stays', async () => {
    const token = await gatewayLogin(server.emulator, 'oDemoVolunteer');
    expect((await gatewayUpload(server.emulator, token, own('once.png'), PHOTO)).status).toBe(200);
    const again = await gatewayUpload(server.emulator, token, own('once.png'), OTHER_PHOTO);
    expect(again.status).toBe(409);
    expect(again.body.errMsg).toBe('cloud.uploadFile:fail 文件已存在，不能覆盖');
    expect(stored(own('once.png'))).toEqual(PHOTO);
  });

  it('of uploads racing to one path exactly one is stored, whole', async () => {
    const token = await gatewayLogin(server.emulator, 'oDemoVolunteer');
    const photos = Array.from({ length: 8 }, (_, i) => solidPng(5 + i, 5, [i * 30, 0, 0]));
    const replies = await Promise.all(
      photos.map((photo) => gatewayUpload(server.emulator, token, own('race.png'), photo)),
    );
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    const winner = photos[replies.findIndex((r) => r.status === 200)];
    expect(stored(own('race.png'))).toEqual(winner);
  });

  it('does not replace a file the SDK (a function) stored at that path either', async () => {
    const cloud = connectSdk(server.emulator);
    await cloud.uploadFile({ cloudPath: own('by-function.png'), fileContent: PHOTO });
    const token = await gatewayLogin(server.emulator, 'oDemoVolunteer');
    const reply = await gatewayUpload(server.emulator, token, own('by-function.png'), OTHER_PHOTO);
    expect(reply.status).toBe(409);
    expect(stored(own('by-function.png'))).toEqual(PHOTO);
  });

  it('serves the stored picture as an image, with nosniff', async () => {
    const token = await gatewayLogin(server.emulator, 'oDemoVolunteer');
    await gatewayUpload(server.emulator, token, own('served.png'), PHOTO);
    const response = await fetch(`${server.emulator.url}/_storage/o/${own('served.png')}`);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(PHOTO);
  });

  it('refuses an upload without a valid login, before storing anything', async () => {
    const missing = await gatewayUpload(server.emulator, undefined, own('a.png'), PHOTO);
    const forged = await gatewayUpload(
      server.emulator,
      'b1VzZXJfMQ.forged',
      'photos/oUser_1/b.png',
      PHOTO,
    );
    expect([missing.status, forged.status]).toEqual([401, 401]);
    expect(stored(own('a.png'))).toBeUndefined();
    expect(stored('photos/oUser_1/b.png')).toBeUndefined();
  });

  it('refuses what is not a picture, whatever content type it claims', async () => {
    const token = await gatewayLogin(server.emulator, 'oDemoVolunteer');
    const text = await gatewayUpload(
      server.emulator,
      token,
      own('fake.png'),
      Buffer.from('<script>alert(1)</script>'),
      'image/png',
    );
    expect(text.status).toBe(415);
    expect(text.body.errMsg).toContain('只能上传图片');

    const notImagePath = await gatewayUpload(server.emulator, token, own('run.sh'), PHOTO);
    expect(notImagePath.status).toBe(400);
    expect(stored(own('fake.png'))).toBeUndefined();
    expect(stored(own('run.sh'))).toBeUndefined();
  });

  it('refuses a picture over 5 MB', async () => {
    const token = await gatewayLogin(server.emulator, 'oDemoVolunteer');
    const huge = Buffer.concat([PHOTO, Buffer.alloc(5 * 1024 * 1024)]);
    const tooBig = await gatewayUpload(server.emulator, token, own('huge.png'), huge);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.errMsg).toContain('5 MB');
    expect(stored(own('huge.png'))).toBeUndefined();
  });

  it('the errands router takes the uploaded fileID as a receipt', async () => {
    const residentToken = await gatewayLogin(server.emulator, 'oDemoResident');
    const volunteerToken = await gatewayLogin(server.emulator, 'oDemoVolunteer');
    const result = <T>(reply: { body: { result?: unknown } }) => {
      const outcome = reply.body.result as FunctionResult<T>;
      if (!outcome.ok) throw new Error(`${outcome.code}: ${outcome.message}`);
      return outcome.data;
    };
    const errand = result<ErrandView>(
      await gatewayCall(server.emulator, residentToken, 'errands', {
        action: 'request',
        personId: 'h-demo-resident-p1',
        request: { items: [{ name: '牛奶', quantity: '2盒' }], budget: 30, urgency: 2 },
      }),
    );
    result<ErrandView>(
      await gatewayCall(server.emulator, volunteerToken, 'errands', {
        action: 'claim',
        errandId: errand.id,
      }),
    );
    // The server names the path, in the claimer's own folder; the gateway takes only such paths.
    const { cloudPath } = result<{ cloudPath: string }>(
      await gatewayCall(server.emulator, volunteerToken, 'errands', {
        action: 'photoTarget',
        errandId: errand.id,
        kind: 'receipt',
        extension: 'png',
      }),
    );
    expect(cloudPath.startsWith(own(''))).toBe(true);
    const upload = await gatewayUpload(server.emulator, volunteerToken, cloudPath, PHOTO);
    const purchased = result<ErrandView>(
      await gatewayCall(server.emulator, volunteerToken, 'errands', {
        action: 'purchase',
        errandId: errand.id,
        amount: 25.5,
        receiptFileId: upload.body.fileID,
      }),
    );
    expect(purchased).toMatchObject({
      status: 'purchased',
      amountSpent: 25.5,
      receiptFileId: upload.body.fileID,
    });
  });
});

/** The folder 导入登记表 uploads go to: imports/<own openid>/<name>.xlsx. */
const ownImport = (name: string) => `imports/oDemoLeader/${name}`;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A small real workbook, as a register filled in on a computer would arrive. */
async function register(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('住户人员');
  sheet.addRow(['门牌地址', '姓名', '与户主关系', '身份证号', '手机号']);
  sheet.addRow(['沙头村12号', '李四', '户主', '', '']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('the h5 gateway upload of a register to import (.xlsx)', () => {
  it('stores a workbook under imports/<own openid>/ and the SDK downloads the same bytes', async () => {
    const token = await gatewayLogin(server.emulator, 'oDemoLeader');
    const book = await register();
    const reply = await gatewayUpload(
      server.emulator,
      token,
      ownImport('r-1.xlsx'),
      book,
      XLSX_TYPE,
    );

    expect(reply.status).toBe(200);
    expect(reply.body.fileID).toBe(server.emulator.storage.fileIdOf(ownImport('r-1.xlsx')));
    const cloud = connectSdk(server.emulator);
    const downloaded = (await cloud.downloadFile({ fileID: reply.body.fileID ?? '' })) as {
      fileContent: Buffer;
    };
    expect(downloaded.fileContent).toEqual(book);
    // Served as nothing a browser would render: the bytes are not a picture.
    const response = await fetch(`${server.emulator.url}/_storage/o/${ownImport('r-1.xlsx')}`);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
  });

  it('refuses another user’s folder and paths outside imports/<own openid>/<name>', async () => {
    const token = await gatewayLogin(server.emulator, 'oDemoLeader');
    const book = await register();
    const paths = [
      'imports/oDemoVolunteer/r.xlsx',
      'imports/r.xlsx',
      ownImport('sub/r.xlsx'),
      ownImport('../oDemoVolunteer/r.xlsx'),
      ownImport('.r.xlsx'),
      ownImport('登记表.xlsx'),
      'imports//r.xlsx',
      'import/oDemoLeader/r.xlsx',
    ];
    for (const cloudPath of paths) {
      const reply = await gatewayUpload(server.emulator, token, cloudPath, book, XLSX_TYPE);
      expect({ cloudPath, status: reply.status, errMsg: reply.body.errMsg }).toEqual({
        cloudPath,
        status: 400,
        errMsg: 'cloud.uploadFile:fail 上传路径无效',
      });
    }
    expect(stored('imports/oDemoVolunteer/r.xlsx')).toBeUndefined();
  });

  it('takes only .xlsx names there, and no spreadsheet among the photos', async () => {
    const token = await gatewayLogin(server.emulator, 'oDemoLeader');
    const book = await register();
    const picture = await gatewayUpload(server.emulator, token, ownImport('p.png'), PHOTO);
    expect([picture.status, picture.body.errMsg]).toEqual([
      400,
      'cloud.uploadFile:fail 云端路径应以 .xlsx 结尾',
    ]);
    const old = await gatewayUpload(server.emulator, token, ownImport('r.xls'), book, XLSX_TYPE);
    expect(old.status).toBe(400);
    const asPhoto = await gatewayUpload(
      server.emulator,
      token,
      'photos/oDemoLeader/r.png',
      book,
      'image/png',
    );
    expect(asPhoto.status).toBe(415);
    expect(stored(ownImport('p.png'))).toBeUndefined();
    expect(stored('photos/oDemoLeader/r.png')).toBeUndefined();
  });

  it('refuses what is not a ZIP archive, whatever its name and content type', async () => {
    const token = await gatewayLogin(server.emulator, 'oDemoLeader');
    const csv = Buffer.from('门牌地址,姓名\n沙头村12号,李四\n');
    const reply = await gatewayUpload(
      server.emulator,
      token,
      ownImport('fake.xlsx'),
      csv,
      XLSX_TYPE,
    );
    expect([reply.status, reply.body.errMsg]).toEqual([
      415,
      'cloud.uploadFile:fail 只能上传 Excel 文件（.xlsx）',
    ]);
    const picture = await gatewayUpload(server.emulator, token, ownImport('pic.xlsx'), PHOTO);
    expect(picture.status).toBe(415);
    expect(stored(ownImport('fake.xlsx'))).toBeUndefined();
    expect(stored(ownImport('pic.xlsx'))).toBeUndefined();
  });

  it('takes a file of exactly IMPORT_MAX_BYTES and refuses one byte more', async () => {
    const token = await gatewayLogin(server.emulator, 'oDemoLeader');
    const book = await register();
    const padded = (size: number) => Buffer.concat([book, Buffer.alloc(size - book.length)]);
    const atLimit = await gatewayUpload(
      server.emulator,
      token,
      ownImport('full.xlsx'),
      padded(IMPORT_MAX_BYTES),
      XLSX_TYPE,
    );
    expect(atLimit.status).toBe(200);
    const over = await gatewayUpload(
      server.emulator,
      token,
      ownImport('over.xlsx'),
      padded(IMPORT_MAX_BYTES + 1),
      XLSX_TYPE,
    );
    expect([over.status, over.body.errMsg]).toEqual([
      413,
      'cloud.uploadFile:fail 文件超过 10 MB 上限',
    ]);
    expect(stored(ownImport('over.xlsx'))).toBeUndefined();
  });

  it('never replaces an uploaded register: 409, and the checked file stays', async () => {
    const token = await gatewayLogin(server.emulator, 'oDemoLeader');
    const first = await register();
    expect(
      (await gatewayUpload(server.emulator, token, ownImport('once.xlsx'), first, XLSX_TYPE))
        .status,
    ).toBe(200);
    const other = Buffer.concat([first, Buffer.from('changed')]);
    const again = await gatewayUpload(
      server.emulator,
      token,
      ownImport('once.xlsx'),
      other,
      XLSX_TYPE,
    );
    expect([again.status, again.body.errMsg]).toEqual([
      409,
      'cloud.uploadFile:fail 文件已存在，不能覆盖',
    ]);
    expect(stored(ownImport('once.xlsx'))).toEqual(first);
  });
});
