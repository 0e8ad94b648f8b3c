import { spawnSync } from 'node:child_process';
import { buildEmulator } from './build-emulator';
import { buildFunctions } from './build-functions';
import { startDemoServer } from './demo-server';
import { DEFAULT_DATA_DIR, EMPTY_DATA_DIR, ROOT } from './paths';

/**
 * `npm start`: builds the functions, the emulator and the h5 client, then starts the emulator with
 * demo data (the town and its last two weeks) and prints the URL. Ctrl-C stops it cleanly; data
 * stays in .data/ for the next start.
 * `npm start -- --empty` (or GRIDGUARD_EMPTY=1) starts an environment with no town in .data-empty/
 * and prints its one-time setup code.
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
  // An environment with no town, to try 初始化 as a deployer would (`npm start -- --empty`).
  const empty = process.argv.includes('--empty') || process.env['GRIDGUARD_EMPTY'] === '1';
  const server = await startDemoServer({
    port,
    dataDir: process.env['GRIDGUARD_DATA'] ?? (empty ? EMPTY_DATA_DIR : DEFAULT_DATA_DIR),
    log: (l) => console.error(l),
    empty,
    history: true,
  });
  console.log('');
  console.log(`网格守护本地预览已启动: ${server.url}`);
  console.log('仅监听本机回环地址 127.0.0.1，局域网内其他设备无法访问。');
  if (!empty) {
    console.log(
      '在页面上选择演示用户（居民 / 网格员 / 网格长 / 指挥部）即可登录。按 Ctrl-C 停止。',
    );
  } else if (server.setupCode) {
    console.log(`空白环境：以「部署管理员」登录，在首页「输入部署码」处填写 ${server.setupCode}`);
    console.log('（部署码只能使用一次；每次启动在使用前会换一个新码。）按 Ctrl-C 停止。');
  } else {
    console.log('空白环境已完成初始化。删除 .data-empty/ 可从头再来。按 Ctrl-C 停止。');
  }

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
