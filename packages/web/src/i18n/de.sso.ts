/** Issue 15: single sign-on through OpenID Connect — the login button and the admin settings. */
export const deSso = {
  sso: {
    signInWith: 'Mit {{name}} anmelden',
    or: 'oder',
    failed: 'Die Anmeldung über den Identitätsanbieter ist fehlgeschlagen.',
    title: 'Single Sign-on (OpenID Connect)',
    intro:
      'Anmeldung über Entra ID, Google Workspace, Keycloak oder einen anderen OpenID-Connect-Anbieter. Neue Nutzer werden bei der ersten Anmeldung angelegt, wenn ihre E-Mail-Domain erlaubt ist.',
    enabled: 'Single Sign-on aktiv',
    issuer: 'Issuer-URL',
    issuerHint: 'z. B. https://login.microsoftonline.com/<Mandanten-ID>/v2.0',
    clientId: 'Client-ID',
    clientSecret: 'Client-Secret',
    clientSecretSet: 'Gespeichert – leer lassen, um es zu behalten',
    clientSecretMissing: 'Noch kein Secret gespeichert',
    displayName: 'Name auf dem Anmeldeknopf',
    redirectUri: 'Redirect-URI (beim Anbieter eintragen)',
    allowedDomains: 'Erlaubte E-Mail-Domains',
    allowedDomainsHint: 'Mit Enter bestätigen, z. B. firma.de',
    groupRules: 'Gruppen → Abteilung und Rolle',
    groupRulesIntro:
      'Bei der ersten Anmeldung entscheidet die erste Regel, deren Gruppe der Anbieter im Claim „groups“ nennt; sonst gilt die Vorgabe.',
    group: 'Gruppe (Name oder Objekt-ID)',
    addRule: 'Regel hinzufügen',
    removeRule: 'Regel entfernen',
    defaultMapping: 'Vorgabe ohne passende Gruppe',
    passwordLoginDisabled: 'Passwort-Anmeldung für SSO-Nutzer abschalten',
    passwordLoginDisabledHint:
      'Gilt für Konten, die schon einmal per SSO angemeldet waren. Ein Admin-Konto ohne SSO behält die Passwort-Anmeldung als Notzugang.',
    save: 'Speichern',
    saved: 'Single-Sign-on-Einstellungen gespeichert.',
  },
};
