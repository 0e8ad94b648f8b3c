import fs from 'node:fs';
import path from 'node:path';
import type { FunctionConfig } from './plan';

/** Each function's config.json, as DevTools applies it when the function is uploaded. */
export function functionConfigs(root: string): FunctionConfig[] {
  return fs
    .readdirSync(root)
    .filter((name) => fs.existsSync(path.join(root, name, 'config.json')))
    .sort()
    .map((name) => {
      const config = JSON.parse(fs.readFileSync(path.join(root, name, 'config.json'), 'utf8')) as {
        timeout?: number;
        triggers?: { name: string; config: string }[];
        permissions?: { openapi?: string[] };
      };
      return {
        name,
        timeout: config.timeout ?? 3,
        triggers: (config.triggers ?? []).map((t) => ({ name: t.name, config: t.config })),
        openapi: config.permissions?.openapi ?? [],
      };
    });
}
