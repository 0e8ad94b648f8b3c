export * from './actions';
export * from './api';
export * from './collections';
export * from './errors';
export * from './grid';
export * from './people';
export * from './roles';
export * from './whoami';
