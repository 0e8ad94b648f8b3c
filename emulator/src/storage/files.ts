import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { tcbErrors } from '../errors';

/** A create that found the path taken: stored files are never replaced through it. */
export class FileExistsError extends Error {}

export interface DownloadEntry {
  fileID: string;
  tempFileURL: string;
  code: string;
}

/**
 * Cloud storage on local disk under `<data>/storage`. File IDs look like production's
 * `cloud://<env>.<bucket>/<path>`. Deliberate difference: download URLs are not signed or
 * time-limited (they are served on loopback only).
 */
export class FileStorage {
  readonly root: string;
  /** Where a new file is written in full before it appears under its path (same disk as root). */
  private readonly staging: string;
  private readonly prefix: string;

  constructor(
    dataDir: string,
    envId: string,
    private readonly baseUrl: () => string,
    private readonly secret: string,
  ) {
    this.root = path.join(dataDir, 'storage');
    fs.mkdirSync(this.root, { recursive: true });
    this.staging = path.join(dataDir, 'storage-staging');
    fs.mkdirSync(this.staging, { recursive: true });
    this.prefix = `cloud://${envId}.${Buffer.from(envId).toString('hex').slice(0, 8)}-${envId}/`;
  }

  fileIdOf(cloudPath: string): string {
    return this.prefix + cloudPath;
  }

  uploadMetadata(cloudPath: unknown): Record<string, string> {
    const safe = this.checkPath(cloudPath);
    const authorization = this.sign(safe);
    return {
      // Not percent-encoded: the SDK's request layer encodes the URL itself (as for downloads).
      url: `${this.baseUrl()}/_storage/o/${safe}`,
      token: 'local',
      authorization,
      fileId: this.fileIdOf(safe),
      // Sent back as an HTTP header by the SDK, so it must be plain ASCII.
      cosFileId: `local-${Buffer.from(safe).toString('base64url')}`,
    };
  }

  /** Stores an upload after checking it carries the authorization the metadata step issued. */
  put(cloudPath: string, authorization: string | undefined, bytes: Buffer): void {
    const safe = this.checkPath(cloudPath);
    if (authorization !== this.sign(safe))
      throw tcbErrors.storageInvalidPath('upload authorization does not match');
    this.write(safe, bytes);
  }

  /**
   * Stores bytes the emulator has already authorised, replacing what was there: the admin's
   * (the SDK's) upload may write anywhere, as in production. Answers with the file ID.
   */
  write(cloudPath: string, bytes: Buffer): string {
    const safe = this.checkPath(cloudPath);
    const file = path.join(this.root, safe);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, bytes);
    return this.fileIdOf(safe);
  }

  /**
   * Stores a new file at `cloudPath` and answers with its file ID, or throws FileExistsError if
   * anything is already there. Atomic: the bytes are written aside and then hard-linked into
   * place, which fails if the name exists, so of two racing uploads to one path exactly one wins
   * and a reader never sees half a file.
   */
  create(cloudPath: string, bytes: Buffer): string {
    const safe = this.checkPath(cloudPath);
    const file = path.join(this.root, safe);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const aside = path.join(this.staging, randomBytes(12).toString('hex'));
    fs.writeFileSync(aside, bytes, { flag: 'wx' });
    try {
      fs.linkSync(aside, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new FileExistsError(safe);
      throw e;
    } finally {
      fs.rmSync(aside, { force: true });
    }
    return this.fileIdOf(safe);
  }

  read(cloudPath: string): Buffer | undefined {
    const file = path.join(this.root, this.checkPath(cloudPath));
    return fs.existsSync(file) && fs.statSync(file).isFile() ? fs.readFileSync(file) : undefined;
  }

  downloadUrls(fileIds: unknown[]): DownloadEntry[] {
    return fileIds.map((fileID) => {
      const id = String(fileID);
      const cloudPath = this.pathOf(id);
      if (cloudPath === undefined || !this.read(cloudPath)) {
        return { fileID: id, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST' };
      }
      // Not percent-encoded: the SDK applies encodeURI itself before downloading.
      return {
        fileID: id,
        tempFileURL: `${this.baseUrl()}/_storage/o/${cloudPath}`,
        code: 'SUCCESS',
      };
    });
  }

  remove(fileIds: unknown[]): { fileID: string; code: string }[] {
    return fileIds.map((fileID) => {
      const id = String(fileID);
      const cloudPath = this.pathOf(id);
      const file = cloudPath === undefined ? undefined : path.join(this.root, cloudPath);
      if (!file || !fs.existsSync(file)) return { fileID: id, code: 'STORAGE_FILE_NONEXIST' };
      fs.rmSync(file);
      return { fileID: id, code: 'SUCCESS' };
    });
  }

  private pathOf(fileId: string): string | undefined {
    if (!fileId.startsWith(this.prefix)) return undefined;
    try {
      return this.checkPath(fileId.slice(this.prefix.length));
    } catch {
      return undefined;
    }
  }

  /** A cloud path is relative and stays inside the storage root. */
  private checkPath(cloudPath: unknown): string {
    if (typeof cloudPath !== 'string' || cloudPath.trim() === '')
      throw tcbErrors.storageInvalidPath('path is required');
    const normalised = path.posix.normalize(cloudPath.replace(/^\/+/, ''));
    if (
      normalised.startsWith('..') ||
      normalised.includes('/../') ||
      normalised === '.' ||
      normalised.includes('\0')
    ) {
      throw tcbErrors.storageInvalidPath(`invalid cloud path ${cloudPath}`);
    }
    return normalised;
  }

  private sign(cloudPath: string): string {
    return createHmac('sha256', this.secret).update(`put:${cloudPath}`).digest('hex');
  }
}
