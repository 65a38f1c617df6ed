import type { deFields } from './de.fields';

/** English texts of the shared date, time and money fields (components/fields). */
export const enFields: typeof deFields = {
  fields: {
    datePlaceholder: 'e.g. 31 Dec 2026',
    timePlaceholder: 'HH:MM',
    date: 'Date',
    time: 'Time',
    badDate: 'Please enter a date such as 31 Dec 2026 or 31/12/2026.',
    badTime: 'Please enter a time such as 17:00.',
    timeZone: 'Time zone: {{zone}}',
    addHoliday: 'Add day',
    removeHoliday: 'Remove {{day}}',
    noHolidays: 'No additional days off.',
  },
};
