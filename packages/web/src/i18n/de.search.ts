/** German texts of the global search and command palette (Strg+K). */
export const deSearch = {
  palette: {
    open: 'Suchen (Strg+K)',
    title: 'Suche',
    placeholder: 'Firmen, Kontakte, Deals, Kampagnen, Wettbewerber oder Seiten suchen …',
    pages: 'Seiten',
    accounts: 'Firmen',
    contacts: 'Kontakte',
    deals: 'Deals',
    campaigns: 'Kampagnen',
    competitors: 'Wettbewerber',
    searching: 'Suche läuft …',
    nothing: 'Nichts gefunden.',
    hint: '↑ ↓ wählen, Enter öffnen, Esc schließen',
  },
};
