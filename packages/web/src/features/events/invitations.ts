import type { Contact } from '@nenner/shared';

/** Where a rep picks invitees from: their own customers, one account's people, or a search of everyone. */
export type InviteSource = 'mine' | 'account' | 'search';

/** The contacts on screen that can still be picked: not invited to this event yet. */
export const invitableIds = (shown: readonly Pick<Contact, 'id'>[], invited: ReadonlySet<string>): string[] =>
  shown.filter((c) => !invited.has(c.id)).map((c) => c.id);

/**
 * "Pick all" on the contacts shown: when every one of them is picked it unpicks them, otherwise it adds
 * those missing; people picked from another list stay picked either way.
 */
export const toggleAll = (picked: readonly string[], selectable: readonly string[]): string[] => {
  if (selectable.length > 0 && selectable.every((id) => picked.includes(id))) {
    const off = new Set(selectable);
    return picked.filter((id) => !off.has(id));
  }
  return [...picked, ...selectable.filter((id) => !picked.includes(id))];
};
