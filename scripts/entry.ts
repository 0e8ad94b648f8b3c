import path from 'node:path';

/** True when this module was run directly (`tsx scripts/x.ts`), not imported. */
export function isEntryPoint(filename: string): boolean {
  return process.argv[1] !== undefined && path.resolve(process.argv[1]) === filename;
}
