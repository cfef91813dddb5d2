export * from './accounts.js';
export * from './reference.js';
export * from './outbox.js';
export * from './offers.js';
export * from './immersion-slots.js';
export * from './youth.js';
export * from './search.js';
export * from './lifecycle.js';
