import type { AppContext } from '../../context.js';

/* The mail that warns a token's owner a week before the token expires, in German or English. */

type Locale = 'de' | 'en';

const texts: Record<Locale, { subject: string; text: string }> = {
  de: {
    subject: 'Dein API-Token „{token}“ läuft bald ab',
    text: 'Hallo {name},\n\ndein API-Token „{token}“ ({prefix}…) läuft am {when} ab. Danach werden Anfragen damit abgelehnt.\n\nWenn ein Skript oder eine Integration ihn noch braucht, lege rechtzeitig einen neuen Token an und tausche ihn dort aus:\n{link}\n',
  },
  en: {
    subject: 'Your API token “{token}” expires soon',
    text: 'Hi {name},\n\nyour API token “{token}” ({prefix}…) expires on {when}. After that, requests made with it are refused.\n\nIf a script or an integration still needs it, create a new token in time and swap it in there:\n{link}\n',
  },
};

const intlLocale: Record<Locale, string> = { de: 'de-DE', en: 'en-GB' };
const fill = (s: string, data: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => data[k] ?? '');

/** The expiry warning's subject and text, with the moment in the owner's time zone. */
export const tokenExpiryMail = (
  ctx: AppContext,
  user: { name: string; locale: string | null; time_zone: string },
  token: { name: string; prefix: string; expires_at: string | null },
): { subject: string; text: string } => {
  const locale: Locale = user.locale === 'en' ? 'en' : 'de';
  const when = token.expires_at
    ? new Intl.DateTimeFormat(intlLocale[locale], {
        dateStyle: 'full',
        timeStyle: 'short',
        timeZone: user.time_zone,
      }).format(new Date(token.expires_at))
    : '';
  const data = {
    name: user.name,
    token: token.name,
    prefix: token.prefix,
    when,
    link: `${ctx.config.publicUrl}/settings?section=tokens`,
  };
  return { subject: fill(texts[locale].subject, data), text: fill(texts[locale].text, data) };
};
