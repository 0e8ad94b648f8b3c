import type { Cloud } from './cloud';

/** Cloud storage as exports and imports need it: put a file, hand out a link, read an upload. */
export interface FileSink {
  upload(cloudPath: string, content: Buffer): Promise<string>;
  url(fileId: string): Promise<string>;
  download(fileId: string): Promise<Buffer>;
}

export function cloudFiles(cloud: Cloud): FileSink {
  return {
    async upload(cloudPath, content) {
      const result = await cloud.uploadFile({ cloudPath, fileContent: content });
      return result.fileID;
    },
    async download(fileId) {
      const result = (await cloud.downloadFile({ fileID: fileId })) as { fileContent: Buffer };
      return result.fileContent;
    },
    async url(fileId) {
      const result = (await cloud.getTempFileURL({ fileList: [fileId] })) as {
        fileList: { tempFileURL?: string }[];
      };
      const url = result.fileList[0]?.tempFileURL;
      if (!url) throw new Error('storage returned no download link');
      return url;
    },
  };
}
