export * from './codes';
export * from './errors';
export * from './identity';
export * from './policy';
export * from './records';
export * from './tree';
export * from './views';
