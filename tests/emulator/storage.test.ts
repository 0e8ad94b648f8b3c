import { rejectionOf, useEmulator } from '../helpers/emulator';

const t = useEmulator();

interface FileEntry {
  fileID: string;
  status: number;
  tempFileURL?: string;
}

it('upload, temp URL, download and delete round trip (with a Chinese path)', async () => {
  const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 255]);
  const uploaded = (await t.cloud.uploadFile({
    cloudPath: 'receipts/2020-02-01/小票 1.png',
    fileContent: bytes,
  })) as {
    fileID: string;
  };
  expect(uploaded.fileID).toMatch(/^cloud:\/\/local-dev\..+\/receipts\/2020-02-01\/小票 1\.png$/);

  const urls = (await t.cloud.getTempFileURL({ fileList: [uploaded.fileID] })) as unknown as {
    fileList: FileEntry[];
  };
  expect(urls.fileList[0]).toMatchObject({ status: 0, fileID: uploaded.fileID });
  const fetched = await fetch(encodeURI(urls.fileList[0]?.tempFileURL ?? ''));
  expect(Buffer.from(await fetched.arrayBuffer())).toEqual(bytes);

  const downloaded = (await t.cloud.downloadFile({ fileID: uploaded.fileID })) as {
    fileContent: Buffer;
  };
  expect(downloaded.fileContent).toEqual(bytes);

  const deleted = (await t.cloud.deleteFile({ fileList: [uploaded.fileID] })) as unknown as {
    fileList: FileEntry[];
  };
  expect(deleted.fileList[0]).toMatchObject({ status: 0 });
  const gone = (await t.cloud.getTempFileURL({ fileList: [uploaded.fileID] })) as unknown as {
    fileList: FileEntry[];
  };
  expect(gone.fileList[0]?.status).toBe(-503003);
});

it('refuses a path that climbs out of storage', async () => {
  const error = await rejectionOf(
    t.cloud.uploadFile({ cloudPath: '../../etc/passwd', fileContent: Buffer.from('x') }),
  );
  expect(error.message).toContain('invalid cloud path');
});

it('refuses an upload without the authorization the metadata step issued', async () => {
  const response = await fetch(`${t.emulator.url}/_storage/o/forged.txt`, {
    method: 'PUT',
    body: 'x',
  });
  expect(response.status).toBe(400);
  expect(await response.text()).toContain('<Error>');
});

describe('a stored file is served with the type of what it holds', () => {
  const served = async (cloudPath: string, bytes: Buffer) => {
    await t.cloud.uploadFile({ cloudPath, fileContent: bytes });
    const response = await fetch(`${t.emulator.url}/_storage/o/${cloudPath}`);
    return {
      type: response.headers.get('content-type'),
      nosniff: response.headers.get('x-content-type-options'),
    };
  };
  const riff = (kind: string) =>
    Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from(kind), Buffer.alloc(8)]);

  it.each([
    ['a PNG', 'types/a.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])],
    ['a JPEG', 'types/a.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0])],
    ['a GIF', 'types/a.gif', Buffer.from('GIF89a\0\0')],
    ['a WebP', 'types/a.webp', riff('WEBP')],
  ])('%s as its image type', async (_name, cloudPath, bytes) => {
    const { type, nosniff } = await served(cloudPath, bytes);
    expect(type).toBe(`image/${cloudPath.endsWith('jpg') ? 'jpeg' : cloudPath.split('.')[1]}`);
    expect(nosniff).toBe('nosniff');
  });

  it.each([
    ['a page named .png', 'types/page.png', Buffer.from('<html><script>alert(1)</script>')],
    ['an SVG', 'types/a.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['a workbook', 'types/report.xlsx', Buffer.from('PK\u0003\u0004 workbook')],
    ['a WAVE that is not a picture', 'types/a.wav', riff('WAVE')],
  ])('%s as application/octet-stream, never sniffed', async (_name, cloudPath, bytes) => {
    expect(await served(cloudPath, bytes)).toEqual({
      type: 'application/octet-stream',
      nosniff: 'nosniff',
    });
  });
});

it('the SDK (the admin) may still replace a file anywhere', async () => {
  await t.cloud.uploadFile({ cloudPath: 'exports/day.xlsx', fileContent: Buffer.from('first') });
  const second = (await t.cloud.uploadFile({
    cloudPath: 'exports/day.xlsx',
    fileContent: Buffer.from('second'),
  })) as { fileID: string };
  const downloaded = (await t.cloud.downloadFile({ fileID: second.fileID })) as {
    fileContent: Buffer;
  };
  expect(downloaded.fileContent.toString()).toBe('second');
});
