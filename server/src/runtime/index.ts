export * from './cloud';
export * from './data';
export * from './handler';
export * from './identity-reader';
export * from './router';
