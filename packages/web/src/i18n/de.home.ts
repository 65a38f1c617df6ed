/** German texts of the start page "Mein Tag" and of the page for an address that does not exist. */
export const deHome = {
  myDay: {
    leads: 'Meine Leads',
    leadsEmpty: 'Keine offenen Leads. Neue Übergaben erscheinen hier mit ihrer Antwortfrist.',
    toInbox: 'Zum Posteingang',
    tasks: 'Meine Aufgaben',
    allTasks: 'Alle Aufgaben',
    staleDeals: 'Ruhende Verkaufschancen',
    staleEmpty: 'Keine deiner Verkaufschancen steht zu lange in ihrer Phase.',
    allDeals: 'Alle Verkaufschancen',
    returned: 'Zurückgegebene Leads',
    toReturned: 'Alle zurückgegebenen',
    campaigns: 'Meine laufenden Aktionen',
    campaignsEmpty: 'Du hast gerade keine laufende Aktion.',
    allCampaigns: 'Alle Aktionen',
    commitment: 'Übergaben an den Vertrieb in diesem Quartal',
    commitmentOf: '{{value}} von {{committed}} zugesagt',
    toContribution: 'Zum Beitragsbericht',
  },
  notFound: {
    title: 'Diese Seite gibt es nicht',
    body: 'Die Adresse {{path}} führt nirgendwohin. Vielleicht hat sich ein Tippfehler eingeschlichen, oder der Link ist veraltet.',
    home: 'Zur Startseite',
    back: 'Zurück',
  },
};
