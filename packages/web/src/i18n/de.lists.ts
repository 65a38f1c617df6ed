/** German texts of the generic list pieces on a phone: rows as cards, the sort select, filters behind a button. */
export const deLists = {
  list: {
    filter: 'Filter',
    filterCount_one: 'Filter, {{count}} aktiv',
    filterCount_other: 'Filter, {{count}} aktiv',
    filterSet: 'Filter, gesetzt',
    sort: 'Sortierung',
    sortAsc: '{{column}} aufsteigend',
    sortDesc: '{{column}} absteigend',
    sortOther: 'Wie vorgegeben',
  },
};
