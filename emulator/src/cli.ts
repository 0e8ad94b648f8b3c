import path from 'node:path';
import { parseArgs } from 'node:util';
import { COLLECTION_DECLARATIONS } from '@gridguard/types';
import { startEmulator } from './index';

/**
 * `npm run emulator -- --port <p> --data <dir>`: runs the emulator alone. The first line on stdout is
 * one JSON object with the environment a Node process needs for `require('wx-server-sdk')` to talk
 * to it; everything after that is for people.
 */
const USAGE = `用法: npm run emulator -- [--port 8302] [--data .data] [--functions dist/cloudfunctions] [--static client/dist/h5] [--no-timers]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8302' },
      data: { type: 'string', default: '.data' },
      functions: { type: 'string' },
      static: { type: 'string' },
      'no-timers': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`端口无效: ${values.port}\n${USAGE}`);
  const emulator = await startEmulator({
    dataDir: path.resolve(values.data),
    port,
    collections: COLLECTION_DECLARATIONS,
    startTimers: !values['no-timers'],
    log: (line) => console.error(line),
    ...(values.functions && { functionsDir: path.resolve(values.functions) }),
    ...(values.static && { staticDir: path.resolve(values.static) }),
  });
  console.log(JSON.stringify(emulator.sdkEnv));
  console.log(`本地云开发模拟器已启动: ${emulator.url} (环境 ${emulator.envId})`);
  console.log(`仅监听本机回环地址 127.0.0.1；数据目录 ${path.resolve(values.data)}`);
  console.log(
    `云函数: ${
      emulator.functions
        .list()
        .map((f) => f.name)
        .join(', ') || '无 (请先运行 npm run build:functions)'
    }`,
  );
  const stop = () => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
