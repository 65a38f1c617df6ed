import type { deSearch } from './de.search';

/** English texts of the global search and command palette (Ctrl+K). */
export const enSearch: typeof deSearch = {
  palette: {
    open: 'Search (Ctrl+K)',
    title: 'Search',
    placeholder: 'Search accounts, contacts, deals, campaigns, competitors or pages …',
    pages: 'Pages',
    accounts: 'Accounts',
    contacts: 'Contacts',
    deals: 'Deals',
    campaigns: 'Campaigns',
    competitors: 'Competitors',
    searching: 'Searching …',
    nothing: 'Nothing found.',
    hint: '↑ ↓ to choose, Enter to open, Esc to close',
  },
};
