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
