export * from './api';
export * from './collections';
export * from './errors';
export * from './roles';
export * from './whoami';
