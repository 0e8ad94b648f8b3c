import fs from 'node:fs';
import path from 'node:path';
import { WEAPP_DIST } from '../helpers/weapp-sim';

/** WeChat refuses an upload (80051) over these: 2 MB per package, 30 MB in all. */
const PACKAGE_LIMIT = 2 * 1024 * 1024;
const TOTAL_LIMIT = 30 * 1024 * 1024;
/** What we aim for: the package every user downloads first stays a fraction of the limit. */
const MAIN_BUDGET = 600 * 1024;

/** Every file under `dir`, with its size, paths relative to the build. */
function filesUnder(dir: string): { file: string; bytes: number }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return [{ file: path.relative(WEAPP_DIST, full), bytes: fs.statSync(full).size }];
  });
}

const app = JSON.parse(fs.readFileSync(path.join(WEAPP_DIST, 'app.json'), 'utf8')) as {
  subPackages: { root: string; pages: string[] }[];
};
const roots = app.subPackages.map((s) => `${s.root.replace(/\/$/, '')}/`);
const files = filesUnder(WEAPP_DIST);
const rootOf = (file: string) => roots.find((r) => file.startsWith(r)) ?? 'main';
const bytesOf = (pkg: string) =>
  files.filter((f) => rootOf(f.file) === pkg).reduce((n, f) => n + f.bytes, 0);

it('the main package and every subpackage stay within WeChat’s 2 MB, the whole within 30 MB', () => {
  expect(roots).toEqual([
    'pages/observe/',
    'pages/errands/',
    'pages/join-requests/',
    'pages/setup/',
    'pages/import/',
    'pages/posters/',
    'pages/search/',
    'pages/care/',
    'pages/register/',
    'pages/targets/',
    'pages/campaigns/',
    'pages/checkpoints/',
    'pages/notices/',
    'dashboard/',
  ]);
  for (const pkg of ['main', ...roots]) expect(bytesOf(pkg)).toBeLessThan(PACKAGE_LIMIT);
  expect(files.reduce((n, f) => n + f.bytes, 0)).toBeLessThan(TOTAL_LIMIT);
  expect(bytesOf('main')).toBeLessThan(MAIN_BUDGET);
});

it('the chart library ships only in the dashboard subpackage', () => {
  const withCharts = files
    .filter((f) => f.file.endsWith('.js'))
    .filter((f) => fs.readFileSync(path.join(WEAPP_DIST, f.file), 'utf8').includes('[uCharts]'))
    .map((f) => rootOf(f.file));
  expect(withCharts).toEqual(['dashboard/']);
});
