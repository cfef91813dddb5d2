import { defineMachine } from './state-machine.js';

/** An immersion slot is `open` (advisors may propose youth for it) until it is `closed`. */
export const immersionSlotLifecycle = defineMachine({
  resource: 'immersion_slot',
  states: ['open', 'closed'],
  actions: {
    close: { from: ['open'], to: 'closed', by: ['employer', 'admin'], effects: ['index for search'] },
  },
});
export const SLOT_STATUSES = immersionSlotLifecycle.states;
export type SlotStatus = (typeof SLOT_STATUSES)[number];
