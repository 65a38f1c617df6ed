/** German texts of the shared date, time and money fields (components/fields). */
export const deFields = {
  fields: {
    datePlaceholder: 'TT.MM.JJJJ',
    timePlaceholder: 'HH:MM',
    date: 'Datum',
    time: 'Uhrzeit',
    badDate: 'Bitte ein Datum wie 31.12.2026 eingeben.',
    badTime: 'Bitte eine Uhrzeit wie 17:00 eingeben.',
    timeZone: 'Zeitzone: {{zone}}',
    addHoliday: 'Tag hinzufügen',
    removeHoliday: '{{day}} entfernen',
    noHolidays: 'Keine zusätzlichen freien Tage.',
  },
};
