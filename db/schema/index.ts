export * from './accounts.js';
export * from './reference.js';
export * from './outbox.js';
