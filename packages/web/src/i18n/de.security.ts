/** Issue 15: login lockouts, the embedding allow-list, the demo banner and the password change. */
export const deSecurity = {
  security: {
    embedOrigins: 'Einbetten erlauben für',
    embedOriginsIntro:
      'Websites, die Formulare und Veranstaltungsseiten per iframe einbetten dürfen (z. B. https://www.example.de). Leer: jede Website.',
    originPlaceholder: 'https://www.example.de',
    lockouts: 'Login-Sperren',
    lockoutsIntro:
      'Konten mit zu vielen Fehlversuchen: von einer IP gesperrt oder für alle kurz verzögert. Aufheben vergisst alle Fehlversuche des Kontos.',
    lockoutsEmpty: 'Zurzeit ist kein Konto gesperrt.',
    lockoutEmail: 'E-Mail',
    lockoutIp: 'IP-Adresse',
    lockoutAnyIp: 'alle (Verzögerung)',
    lockoutFailures: 'Fehlversuche',
    lockoutUntil: 'Bis',
    lockoutClear: 'Aufheben',
    lockoutCleared: 'Sperre aufgehoben.',
    demoBanner: 'Demo-Arbeitsbereich',
    demoBannerText: 'Diese Daten sind erfunden. Für den echten Betrieb Nenner ohne Demo (NENNER_DEMO=0) starten.',
  },
};
