import type { Cloud } from './cloud';

/** Cloud storage as the export needs it: put a file, hand out a temporary link. */
export interface FileSink {
  upload(cloudPath: string, content: Buffer): Promise<string>;
  url(fileId: string): Promise<string>;
}

export function cloudFiles(cloud: Cloud): FileSink {
  return {
    async upload(cloudPath, content) {
      const result = await cloud.uploadFile({ cloudPath, fileContent: content });
      return result.fileID;
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
