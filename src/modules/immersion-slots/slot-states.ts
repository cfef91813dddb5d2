/** An immersion slot is `open` (advisors may propose youth for it) until it is `closed`. */
export const SLOT_STATUSES = ['open', 'closed'] as const;
export type SlotStatus = (typeof SLOT_STATUSES)[number];

export const SLOT_TRANSITIONS = {
  close: { from: ['open'], to: 'closed' },
} as const satisfies Record<string, { from: readonly SlotStatus[]; to: SlotStatus }>;
export type SlotAction = keyof typeof SLOT_TRANSITIONS;

/** The status after `action`, or null when the slot's status does not allow it. */
export function slotTransition(current: SlotStatus, action: SlotAction): SlotStatus | null {
  const rule = SLOT_TRANSITIONS[action];
  return (rule.from as readonly SlotStatus[]).includes(current) ? rule.to : null;
}
