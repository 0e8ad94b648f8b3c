export * from './grids';
export * from './households';
export * from './members';
export * from './people';
