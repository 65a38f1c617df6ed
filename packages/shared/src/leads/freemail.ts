/** Free-mail providers common in the DACH region and worldwide: their domain says nothing about the employer. */
export const freeMailDomains: ReadonlySet<string> = new Set([
  'gmail.com',
  'googlemail.com',
  'gmx.de',
  'gmx.net',
  'gmx.at',
  'gmx.ch',
  'gmx.com',
  'web.de',
  't-online.de',
  'freenet.de',
  'arcor.de',
  'posteo.de',
  'mailbox.org',
  'online.de',
  'email.de',
  'aol.com',
  'aol.de',
  'yahoo.com',
  'yahoo.de',
  'hotmail.com',
  'hotmail.de',
  'outlook.com',
  'outlook.de',
  'live.com',
  'live.de',
  'msn.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'proton.me',
  'protonmail.com',
  'bluewin.ch',
  'hispeed.ch',
  'sunrise.ch',
  'aon.at',
  'chello.at',
  'a1.net',
  'yandex.com',
  'mail.ru',
]);

/** The company domain of an email address, or null for free-mail addresses. */
export const companyDomainOf = (email: string): string | null => {
  const domain = email.trim().toLowerCase().split('@')[1];
  if (!domain || freeMailDomains.has(domain)) return null;
  return domain;
};
