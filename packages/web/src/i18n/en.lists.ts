import type { deLists } from './de.lists';

/** English texts of the generic list pieces on a phone: rows as cards, the sort select, filters behind a button. */
export const enLists: typeof deLists = {
  list: {
    filter: 'Filter',
    filterCount_one: 'Filter, {{count}} active',
    filterCount_other: 'Filter, {{count}} active',
    filterSet: 'Filter, set',
    sort: 'Sort',
    sortAsc: '{{column}} ascending',
    sortDesc: '{{column}} descending',
    sortOther: 'As given',
  },
};
