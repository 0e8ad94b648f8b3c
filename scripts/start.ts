import { spawnSync } from 'node:child_process';
import { buildEmulator } from './build-emulator';
import { buildFunctions } from './build-functions';
import { startDemoServer } from './demo-server';
import { DEFAULT_DATA_DIR, ROOT } from './paths';

/**
 * `npm start`: builds the functions, the emulator and the h5 client, then starts the emulator with
 * demo data and prints the URL. Ctrl-C stops it cleanly; data stays in .data/ for the next start.
 */
async function main(): Promise<void> {
  console.log('正在构建云函数与模拟器…');
  await buildFunctions();
  await buildEmulator();
  console.log('正在构建 h5 预览（首次约 20 秒）…');
  const h5 = spawnSync('npm', ['run', 'build:h5', '-w', 'client', '--silent'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (h5.status !== 0) throw new Error('h5 构建失败，见上方输出');

  const port = Number(process.env['PORT'] ?? 8300);
  const server = await startDemoServer({
    port,
    dataDir: process.env['GRIDGUARD_DATA'] ?? DEFAULT_DATA_DIR,
    log: (l) => console.error(l),
  });
  console.log('');
  console.log(`网格守护本地预览已启动: ${server.url}`);
  console.log('仅监听本机回环地址 127.0.0.1，局域网内其他设备无法访问。');
  console.log('在页面上选择演示用户（居民 / 网格员 / 网格长 / 指挥部）即可登录。按 Ctrl-C 停止。');

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log('\n正在停止…');
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  const error = e as NodeJS.ErrnoException;
  if (error.code === 'EADDRINUSE')
    console.error('端口已被占用：请用 PORT=<端口> npm start 换一个端口');
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
