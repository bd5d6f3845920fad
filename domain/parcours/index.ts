export * from './model';
export * from './events';
export * from './decide';
export * from './view';
