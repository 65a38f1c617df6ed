export * from './alignment.js';
export * from './businessDays.js';
export * from './period.js';
export * from './progress.js';
