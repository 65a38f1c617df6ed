export * from './businessTime.js';
export * from './holidays.js';
