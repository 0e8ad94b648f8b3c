export * from './cloud';
export * from './handler';
export * from './identity-reader';
