import type { ErrandView, FunctionResult } from '@gridguard/types';
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

describe('the h5 gateway upload (the preview’s wx.cloud.uploadFile)', () => {
  it('stores a logged-in user’s picture and answers with a cloud fileID the SDK can read', async () => {
    const token = await gatewayLogin(server.emulator, 'oDemoVolunteer');
    const reply = await gatewayUpload(server.emulator, token, 'errands/e-1/receipt-1.png', PHOTO);

    expect(reply.status).toBe(200);
    expect(reply.body.errMsg).toBe('cloud.uploadFile:ok');
    expect(reply.body.fileID).toBe(server.emulator.storage.fileIdOf('errands/e-1/receipt-1.png'));
    expect(reply.body.fileID).toMatch(/^cloud:\/\/local-dev\./);

    const cloud = connectSdk(server.emulator);
    const downloaded = (await cloud.downloadFile({ fileID: reply.body.fileID ?? '' })) as {
      fileContent: Buffer;
    };
    expect(downloaded.fileContent).toEqual(PHOTO);
  });

  it('refuses an upload without a valid login, before storing anything', async () => {
    const missing = await gatewayUpload(server.emulator, undefined, 'errands/x/a.png', PHOTO);
    const forged = await gatewayUpload(
      server.emulator,
      'b1VzZXJfMQ.forged',
      'errands/x/b.png',
      PHOTO,
    );
    expect([missing.status, forged.status]).toEqual([401, 401]);
    expect(server.emulator.storage.read('errands/x/a.png')).toBeUndefined();
    expect(server.emulator.storage.read('errands/x/b.png')).toBeUndefined();
  });

  it('refuses what is not a picture, whatever content type it claims', async () => {
    const token = await gatewayLogin(server.emulator, 'oDemoVolunteer');
    const text = await gatewayUpload(
      server.emulator,
      token,
      'errands/x/fake.png',
      Buffer.from('<script>alert(1)</script>'),
      'image/png',
    );
    expect(text.status).toBe(415);
    expect(text.body.errMsg).toContain('只能上传图片');

    const notImagePath = await gatewayUpload(server.emulator, token, 'errands/x/run.sh', PHOTO);
    expect(notImagePath.status).toBe(400);
    expect(server.emulator.storage.read('errands/x/fake.png')).toBeUndefined();
  });

  it('refuses a picture over 5 MB and a path that climbs out of storage', async () => {
    const token = await gatewayLogin(server.emulator, 'oDemoVolunteer');
    const huge = Buffer.concat([PHOTO, Buffer.alloc(5 * 1024 * 1024)]);
    const tooBig = await gatewayUpload(server.emulator, token, 'errands/x/huge.png', huge);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.errMsg).toContain('5 MB');
    expect(server.emulator.storage.read('errands/x/huge.png')).toBeUndefined();

    const climbing = await gatewayUpload(server.emulator, token, '../../outside.png', PHOTO);
    expect(climbing.status).toBe(400);
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
    const upload = await gatewayUpload(
      server.emulator,
      volunteerToken,
      `errands/${errand.id}/receipt.png`,
      PHOTO,
    );
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
