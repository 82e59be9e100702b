export * from './common';
export * from './entities';
export * from './requests';
export * from './changes';
export * from './reports';
