import type { deAccess } from './de.access';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** English texts of scoped API tokens and the personal calendar feed (issue 19). */
export const enAccess: Strings<typeof deAccess> = {
  access: {
    scopes: 'Scopes',
    scopesHint:
      'A token never has more rights than you. Without an area it reaches everything you may; with areas, only those.',
    accessLabel: 'Access',
    read: 'Read',
    write: 'Read and write',
    areasLabel: 'Areas (optional)',
    allAreas: 'all areas',
    area: {
      contacts: 'Contacts',
      accounts: 'Accounts',
      deals: 'Deals',
      campaigns: 'Campaigns',
      leads: 'Leads',
      reports: 'Reports',
      admin: 'Administration',
    },
    expiresOn: 'Expires on',
    expiresOnHint: 'Leave empty for no expiry. You get an email a week before.',
    feed: {
      title: 'Calendar subscription',
      intro:
        'Your tasks with a due date, your meetings and your events as a calendar to subscribe to, e.g. in Outlook, Google Calendar or Thunderbird.',
      none: 'You have no calendar subscription yet.',
      create: 'Create subscription URL',
      rotate: 'Make a new URL',
      revoke: 'Revoke subscription',
      created: 'Subscription URL created',
      createdHint:
        'Copy the URL now and add it to your calendar as a subscription. It is shown only this once. Anyone who knows it sees your appointments.',
      url: 'Subscription URL',
      active: 'Active since {{since}} · last fetched: {{used}}',
      rotated: 'New URL made. The old one no longer works.',
      revoked: 'Calendar subscription revoked.',
    },
  },
};
