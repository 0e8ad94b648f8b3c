import fs from 'node:fs';
import path from 'node:path';
import { loadFunctions } from '../../emulator/src/functions/registry';
import { tempDir } from '../helpers/emulator';

function fn(root: string, name: string, config?: object): void {
  fs.mkdirSync(path.join(root, name), { recursive: true });
  fs.writeFileSync(path.join(root, name, 'index.js'), 'exports.main = async () => null;');
  if (config) fs.writeFileSync(path.join(root, name, 'config.json'), JSON.stringify(config));
}

it('takes each timeout from config.json: 3 s by default, never more than 60 s', () => {
  const root = tempDir();
  fn(root, 'plain');
  fn(root, 'slow', { timeout: 20 });
  fn(root, 'greedy', { timeout: 900 });
  fn(root, 'zero', { timeout: 0 });
  fs.mkdirSync(path.join(root, 'not-built'));
  const functions = loadFunctions(root);
  expect([...functions.keys()]).toEqual(['greedy', 'plain', 'slow', 'zero']);
  expect(functions.get('plain')?.timeoutMs).toBe(3_000);
  expect(functions.get('slow')?.timeoutMs).toBe(20_000);
  expect(functions.get('greedy')?.timeoutMs).toBe(60_000);
  expect(functions.get('zero')?.timeoutMs).toBe(3_000);
  fs.rmSync(root, { recursive: true, force: true });
});
