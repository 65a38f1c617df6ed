/** Email texts in German and English; placeholders are filled from the notification's data. */
type Template = { subject: string; text: string };
type Templates = Record<string, Record<'de' | 'en', Template>>;

export const templates: Templates = {
  handoff_assigned: {
    de: {
      subject: 'Neuer Lead für dich: {contact}',
      text: 'Hallo {name},\n\nMarketing hat dir einen Lead übergeben: {contact}{account}.\nBitte melde dich bis {due} zurück.\n\n{link}\n',
    },
    en: {
      subject: 'New lead for you: {contact}',
      text: 'Hi {name},\n\nMarketing handed you a lead: {contact}{account}.\nPlease respond by {due}.\n\n{link}\n',
    },
  },
  handoff_unassigned: {
    de: {
      subject: 'Lead ohne Zuständigkeit: {contact}',
      text: 'Hallo {name},\n\nfür {contact}{account} passt keine Routing-Regel. Der Lead wartet in der Sammelqueue und braucht eine Zuständigkeit bis {due}.\n\n{link}\n',
    },
    en: {
      subject: 'Lead without an owner: {contact}',
      text: 'Hi {name},\n\nno routing rule matches {contact}{account}. The lead waits in the fallback queue and needs an owner by {due}.\n\n{link}\n',
    },
  },
  handoff_breached: {
    de: {
      subject: 'SLA überschritten: {contact}',
      text: 'Hallo {name},\n\nder Lead {contact}{account} war bis {due} zu beantworten und ist noch offen.\n\n{link}\n',
    },
    en: {
      subject: 'SLA breached: {contact}',
      text: 'Hi {name},\n\nthe lead {contact}{account} was due by {due} and is still open.\n\n{link}\n',
    },
  },
  handoff_rejected: {
    de: {
      subject: 'Lead zurückgegeben: {contact}',
      text: 'Hallo {name},\n\nder Vertrieb hat {contact}{account} zurückgegeben. Grund: {reason}.\n{comment}\n\n{link}\n',
    },
    en: {
      subject: 'Lead returned: {contact}',
      text: 'Hi {name},\n\nsales returned {contact}{account}. Reason: {reason}.\n{comment}\n\n{link}\n',
    },
  },
  task_reminder: {
    de: {
      subject: 'Erinnerung: {task}',
      text: 'Hallo {name},\n\ndu wolltest an diese Aufgabe erinnert werden: {task}{record}.\n\n{link}\n',
    },
    en: {
      subject: 'Reminder: {task}',
      text: 'Hi {name},\n\nyou asked to be reminded of this task: {task}{record}.\n\n{link}\n',
    },
  },
  doi_confirm: {
    de: {
      subject: 'Bitte bestätige deine Anmeldung',
      text: 'Hallo {name},\n\nbitte bestätige mit einem Klick, dass wir dich kontaktieren dürfen:\n\n{link}\n\nWenn du dich nicht angemeldet hast, ignoriere diese E-Mail einfach.\n',
    },
    en: {
      subject: 'Please confirm your sign-up',
      text: 'Hi {name},\n\nplease confirm with one click that we may contact you:\n\n{link}\n\nIf you did not sign up, simply ignore this email.\n',
    },
  },
};

export const renderTemplate = (kind: string, locale: 'de' | 'en', data: Record<string, string>): Template => {
  const t = templates[kind]?.[locale];
  if (!t) throw new Error(`No email template ${kind}`);
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => data[`${k}_${locale}`] ?? data[k] ?? '');
  return { subject: fill(t.subject), text: fill(t.text) };
};
