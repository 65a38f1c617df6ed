export * from './freemail.js';
export * from './routing.js';
export * from './scoring.js';
