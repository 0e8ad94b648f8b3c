export * from './errands';
export * from './grids';
export * from './health';
export * from './households';
export * from './members';
export * from './people';
export * from './daily-report';
export * from './dashboard';
