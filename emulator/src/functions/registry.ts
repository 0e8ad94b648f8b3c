import fs from 'node:fs';
import path from 'node:path';
import { FUNCTION_DEFAULT_TIMEOUT_S, FUNCTION_MAX_TIMEOUT_S } from '../limits';

/** A function's `config.json`, as WeChat DevTools uploads it. */
export interface FunctionConfig {
  timeout?: number;
  triggers?: { name: string; type: string; config: string; message?: string }[];
  permissions?: { openapi?: string[] };
}

export interface FunctionInfo {
  name: string;
  entry: string;
  config: FunctionConfig;
  timeoutMs: number;
}

/** The built functions: one folder per deployed name, each with index.js and config.json. */
export function loadFunctions(functionsDir: string): Map<string, FunctionInfo> {
  const found = new Map<string, FunctionInfo>();
  if (!fs.existsSync(functionsDir)) return found;
  for (const name of fs.readdirSync(functionsDir).sort()) {
    const entry = path.join(functionsDir, name, 'index.js');
    if (!fs.existsSync(entry)) continue;
    const configFile = path.join(functionsDir, name, 'config.json');
    const config = fs.existsSync(configFile)
      ? (JSON.parse(fs.readFileSync(configFile, 'utf8')) as FunctionConfig)
      : {};
    found.set(name, { name, entry, config, timeoutMs: timeoutMs(config.timeout) });
  }
  return found;
}

function timeoutMs(seconds: number | undefined): number {
  const s = typeof seconds === 'number' && seconds > 0 ? seconds : FUNCTION_DEFAULT_TIMEOUT_S;
  return Math.min(s, FUNCTION_MAX_TIMEOUT_S) * 1000;
}
