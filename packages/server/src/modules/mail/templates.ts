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
  webhook_disabled: {
    de: {
      subject: 'Webhook abgeschaltet: {url}',
      text: 'Hallo {name},\n\nder Webhook an {url} ist {failures}-mal hintereinander gescheitert und wurde abgeschaltet. Prüfe den Empfänger und schalte ihn in den Einstellungen wieder ein.\n\n{link}\n',
    },
    en: {
      subject: 'Webhook switched off: {url}',
      text: 'Hi {name},\n\nthe webhook to {url} failed {failures} times in a row and was switched off. Check the receiver and switch it on again in the settings.\n\n{link}\n',
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
  goal_at_risk: {
    de: {
      subject: 'Ziel gefährdet: {goal}',
      text: 'Hallo {name},\n\ndas Ziel „{goal}“ ist gefährdet: Die Prognose zum Ende des Zeitraums liegt bei {forecast}, das Ziel bei {target}. Stand heute: {actual}.\nEs fehlt nicht viel – ein guter Moment, gemeinsam draufzuschauen.\n\n{link}\n',
    },
    en: {
      subject: 'Goal at risk: {goal}',
      text: 'Hi {name},\n\nthe goal “{goal}” is at risk: the forecast for the end of the period is {forecast} against a target of {target}. So far: {actual}.\nIt is within reach – a good moment to look at it together.\n\n{link}\n',
    },
  },
  goal_off_track: {
    de: {
      subject: 'Ziel nicht im Plan: {goal}',
      text: 'Hallo {name},\n\ndas Ziel „{goal}“ ist nicht mehr im Plan: Die Prognose zum Ende des Zeitraums liegt bei {forecast}, das Ziel bei {target}. Stand heute: {actual}.\nVielleicht lohnt es sich, gemeinsam auf das Ziel und den Weg dorthin zu schauen.\n\n{link}\n',
    },
    en: {
      subject: 'Goal off track: {goal}',
      text: 'Hi {name},\n\nthe goal “{goal}” is off track: the forecast for the end of the period is {forecast} against a target of {target}. So far: {actual}.\nIt may be worth looking at the goal and the way there together.\n\n{link}\n',
    },
  },
  goal_reached: {
    de: {
      subject: 'Ziel zu {percent} % erreicht: {goal}',
      text: 'Hallo {name},\n\ndas Ziel „{goal}“ ist zu {percent} % erreicht: {actual} von {target}. Schön – weiter so!\n\n{link}\n',
    },
    en: {
      subject: 'Goal {percent}% reached: {goal}',
      text: 'Hi {name},\n\nthe goal “{goal}” is {percent}% there: {actual} of {target}. Nice work!\n\n{link}\n',
    },
  },
  goal_digest: {
    de: {
      subject: 'Deine Ziele in KW {week}',
      text: 'Hallo {name},\n\nso stehen deine Ziele zum Wochenstart:\n\n{goals}\nAlle Ziele: {link}\n',
    },
    en: {
      subject: 'Your goals in week {week}',
      text: 'Hi {name},\n\nhere is where your goals stand at the start of the week:\n\n{goals}\nAll goals: {link}\n',
    },
  },
  project_signoffs_reset: {
    de: {
      subject: 'Plan geändert: {project}',
      text: 'Hallo {name},\n\n{by} hat die Voraussetzungen im Projekt „{project}“ geändert. Damit der Plan für alle stimmt, sind die Freigaben zurückgesetzt – schau gern noch einmal drauf und gib ihn erneut frei.\n\n{link}\n',
    },
    en: {
      subject: 'Plan changed: {project}',
      text: 'Hi {name},\n\n{by} changed the requirements of the project “{project}”. So that the plan holds for everyone, the sign-offs were reset – please take another look and sign it off again.\n\n{link}\n',
    },
  },
  mentioned: {
    de: {
      subject: '{by} hat dich erwähnt: {record}',
      text: 'Hallo {name},\n\n{by} hat dich in {entry} zu „{record}“ erwähnt:\n\n{excerpt}\n\n{link}\n',
    },
    en: {
      subject: '{by} mentioned you: {record}',
      text: 'Hi {name},\n\n{by} mentioned you in {entry} on “{record}”:\n\n{excerpt}\n\n{link}\n',
    },
  },
  pilot_proposed: {
    de: {
      subject: 'Pilotkunde vorgeschlagen: {account}',
      text: 'Hallo {name},\n\n{by} schlägt {account} als Pilotkunden für das Projekt „{project}“ vor. Als Ansprechpartner der Firma entscheidest du mit: bestätigen oder ablehnen.\n\n{link}\n',
    },
    en: {
      subject: 'Pilot customer proposed: {account}',
      text: 'Hi {name},\n\n{by} proposes {account} as a pilot customer for the project “{project}”. As the account’s owner, you help decide: confirm or decline.\n\n{link}\n',
    },
  },
};

/** A goal's status in words, as the goal screens say it. */
export const goalStatusWords: Record<'de' | 'en', Record<string, string>> = {
  de: { not_started: 'Noch nicht begonnen', on_track: 'Im Plan', at_risk: 'Gefährdet', off_track: 'Nicht im Plan' },
  en: { not_started: 'Not started', on_track: 'On track', at_risk: 'At risk', off_track: 'Off track' },
};

export const renderTemplate = (kind: string, locale: 'de' | 'en', data: Record<string, string>): Template => {
  const t = templates[kind]?.[locale];
  if (!t) throw new Error(`No email template ${kind}`);
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => data[`${k}_${locale}`] ?? data[k] ?? '');
  return { subject: fill(t.subject), text: fill(t.text) };
};
