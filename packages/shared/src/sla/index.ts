export * from './businessTime.js';
export * from './calendar.js';
export * from './holidays.js';
