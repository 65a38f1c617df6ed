export * from './routing.js';
export * from './scoring.js';
