/** The tabs of an event's page, also its `?tab=` (registrations is the default and leaves the address bare). */
export const eventTabs = ['registrations', 'invitations', 'report', 'share'] as const;
export type EventTab = (typeof eventTabs)[number];

export const isEventTab = (v: unknown): v is EventTab => eventTabs.includes(v as EventTab);
