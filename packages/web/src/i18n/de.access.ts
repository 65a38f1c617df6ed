/** German texts of scoped API tokens and the personal calendar feed (issue 19). */
export const deAccess = {
  access: {
    scopes: 'Rechte',
    scopesHint:
      'Ein Token hat nie mehr Rechte als du. Ohne Bereich erreicht er alles, was du darfst; mit Bereichen nur diese.',
    accessLabel: 'Zugriff',
    read: 'Lesen',
    write: 'Lesen und Schreiben',
    areasLabel: 'Bereiche (optional)',
    allAreas: 'alle Bereiche',
    area: {
      contacts: 'Kontakte',
      accounts: 'Firmen',
      deals: 'Deals',
      campaigns: 'Aktionen',
      leads: 'Leads',
      reports: 'Berichte',
      admin: 'Verwaltung',
    },
    expiresOn: 'Läuft ab am',
    expiresOnHint: 'Leer lassen für unbegrenzt. Eine Woche vorher bekommst du eine E-Mail.',
    feed: {
      title: 'Kalender-Abo',
      intro:
        'Deine Aufgaben mit Fälligkeit, deine Abstimmungen und deine Veranstaltungen als Kalender zum Abonnieren, etwa in Outlook, Google Kalender oder Thunderbird.',
      none: 'Du hast noch kein Kalender-Abo.',
      create: 'Abo-Adresse erstellen',
      rotate: 'Neue Adresse erzeugen',
      revoke: 'Abo widerrufen',
      created: 'Abo-Adresse erstellt',
      createdHint:
        'Kopiere die Adresse jetzt und füge sie in deinem Kalender als Abonnement hinzu. Sie wird nur dieses eine Mal angezeigt. Wer sie kennt, sieht deine Termine.',
      url: 'Abo-Adresse',
      active: 'Aktiv seit {{since}} · zuletzt abgerufen: {{used}}',
      rotated: 'Neue Adresse erzeugt. Die alte funktioniert nicht mehr.',
      revoked: 'Kalender-Abo widerrufen.',
    },
  },
};
