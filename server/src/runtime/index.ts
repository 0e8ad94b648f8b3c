export * from './cloud';
export * from './data';
export * from './errand-data';
export * from './handler';
export * from './health-data';
export * from './identity-reader';
export * from './notify';
export * from './router';
