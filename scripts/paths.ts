import path from 'node:path';

/** Where things live, from the repository root. */
export const ROOT = path.resolve(__dirname, '..');
export const FUNCTIONS_SRC = path.join(ROOT, 'cloudfunctions');
export const FUNCTIONS_DIST = path.join(ROOT, 'dist', 'cloudfunctions');
export const TEST_FUNCTIONS_SRC = path.join(ROOT, 'tests', 'fixtures', 'functions');
export const TEST_FUNCTIONS_DIST = path.join(ROOT, 'dist', 'test-functions');
export const EMULATOR_DIST = path.join(ROOT, 'emulator', 'dist');
export const H5_DIST = path.join(ROOT, 'client', 'dist', 'h5');
export const WEAPP_DIST = path.join(ROOT, 'client', 'dist', 'weapp');
export const DEFAULT_DATA_DIR = path.join(ROOT, '.data');
/** `npm start -- --empty` keeps its environment apart from the demo town's. */
export const EMPTY_DATA_DIR = path.join(ROOT, '.data-empty');
