import { escapeHtml as e, employeeBands, type FormFieldKey, utmKeys } from '@nenner/shared';
import type { PublicForm } from './forms.service.js';

/** The hosted form page: server-rendered, every value escaped, no script needed to submit. */

export type PageLocale = 'de' | 'en';

const text = {
  de: {
    email: 'E-Mail',
    firstName: 'Vorname',
    lastName: 'Nachname',
    company: 'Firma',
    jobTitle: 'Position',
    phone: 'Telefon',
    country: 'Land (z. B. DE)',
    city: 'Ort',
    postcode: 'PLZ',
    industry: 'Branche',
    employeeBand: 'Mitarbeiterzahl',
    message: 'Nachricht',
    submit: 'Absenden',
    required: 'Pflichtfeld',
    choose: 'Bitte wählen',
    thanks: 'Danke! Wir melden uns bald.',
    doi: 'Fast geschafft: Bitte bestätige deine Anmeldung über den Link in der E-Mail, die wir dir gerade geschickt haben.',
    fix: 'Bitte prüfe die markierten Felder.',
    missing: 'Bitte ausfüllen.',
    consentMissing: 'Bitte stimme zu, damit wir dich kontaktieren dürfen.',
    notFound: 'Dieses Formular gibt es nicht (mehr).',
    tooMany: 'Zu viele Anfragen. Bitte versuche es in einer Minute noch einmal.',
    confirmed: 'Danke, deine Einwilligung ist bestätigt.',
    alreadyConfirmed: 'Deine Einwilligung war bereits bestätigt.',
    badLink: 'Dieser Bestätigungslink ist nicht gültig.',
    tooLarge: 'Die Eingabe ist zu lang.',
  },
  en: {
    email: 'Email',
    firstName: 'First name',
    lastName: 'Last name',
    company: 'Company',
    jobTitle: 'Job title',
    phone: 'Phone',
    country: 'Country (e.g. DE)',
    city: 'City',
    postcode: 'Postcode',
    industry: 'Industry',
    employeeBand: 'Employees',
    message: 'Message',
    submit: 'Send',
    required: 'required',
    choose: 'Please choose',
    thanks: "Thank you! We'll be in touch soon.",
    doi: 'Almost done: please confirm your sign-up with the link in the email we just sent you.',
    fix: 'Please check the marked fields.',
    missing: 'Please fill this in.',
    consentMissing: 'Please agree so that we may contact you.',
    notFound: 'This form does not exist (any more).',
    tooMany: 'Too many requests. Please try again in a minute.',
    confirmed: 'Thank you, your consent is confirmed.',
    alreadyConfirmed: 'Your consent was confirmed already.',
    badLink: 'This confirmation link is not valid.',
    tooLarge: 'The input is too long.',
  },
} as const;

export const pageText = (locale: PageLocale) => text[locale];

/** de for German-speaking browsers (or ?lang=de), en otherwise. */
export const pageLocale = (acceptLanguage: string | undefined, lang: unknown): PageLocale => {
  if (lang === 'de' || lang === 'en') return lang;
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('de') ? 'de' : 'en';
};

const styles = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2937;background:#f6f7fb}
main{max-width:560px;margin:0 auto;padding:32px 20px}.card{background:#fff;border-radius:12px;padding:28px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
body.embed{background:transparent}body.embed main{padding:0}body.embed .card{box-shadow:none;padding:4px}
h1{font-size:1.4rem;margin:0 0 20px}label{display:block;font-weight:600;margin:14px 0 6px}.req{color:#b91c1c;font-weight:400}
input,select,textarea{width:100%;padding:10px 12px;border:1px solid #cbd2e0;border-radius:8px;font:inherit;background:#fff}
input:focus,select:focus,textarea:focus{outline:2px solid #4f46e5;outline-offset:1px;border-color:#4f46e5}
textarea{min-height:110px}.consent{display:flex;gap:10px;align-items:flex-start;font-weight:400;margin-top:18px}.consent input{width:auto;margin-top:4px}
.error{color:#b91c1c;font-size:.9rem;margin:4px 0 0}.alert{background:#fef2f2;color:#991b1b;padding:10px 12px;border-radius:8px;margin-bottom:8px}
button{margin-top:22px;width:100%;padding:12px;border:0;border-radius:8px;background:#4f46e5;color:#fff;font:inherit;font-weight:600;cursor:pointer}
button:hover{background:#4338ca}.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}.msg{font-size:1.1rem}`;

export const layout = (locale: PageLocale, title: string, body: string, embed: boolean): string =>
  `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
  `<title>${e(title)}</title><style>${styles}</style></head><body${embed ? ' class="embed"' : ''}><main><div class="card">${body}</div></main></body></html>`;

export const messagePage = (locale: PageLocale, title: string, message: string, embed: boolean): string =>
  layout(locale, title, `<h1>${e(title)}</h1><p class="msg" role="status">${e(message)}</p>`, embed);

const input = (
  key: FormFieldKey,
  value: string,
  required: boolean,
  t: (typeof text)[PageLocale],
  describedBy: string,
) => {
  const common = `id="f-${key}" name="${key}"${required ? ' required aria-required="true"' : ''}${describedBy ? ` aria-invalid="true" aria-describedby="${describedBy}"` : ''}`;
  if (key === 'message') return `<textarea ${common} maxlength="5000">${e(value)}</textarea>`;
  if (key === 'employeeBand') {
    const options = employeeBands
      .map((b) => `<option value="${b}"${b === value ? ' selected' : ''}>${b}</option>`)
      .join('');
    return `<select ${common}><option value="">${e(t.choose)}</option>${options}</select>`;
  }
  const type = key === 'email' ? 'email' : key === 'phone' ? 'tel' : 'text';
  const auto: Partial<Record<FormFieldKey, string>> = {
    email: 'email',
    firstName: 'given-name',
    lastName: 'family-name',
    company: 'organization',
    jobTitle: 'organization-title',
    phone: 'tel',
    country: 'country',
    city: 'address-level2',
    postcode: 'postal-code',
  };
  return `<input type="${type}" ${common} value="${e(value)}" maxlength="${key === 'email' ? 254 : 200}"${auto[key] ? ` autocomplete="${auto[key]}"` : ''}>`;
};

/** The form itself, with previous values and field errors when re-shown after a failed post. */
export const formPage = (
  form: PublicForm,
  locale: PageLocale,
  state: {
    values: Record<string, string>;
    errors: Record<string, string>;
    hidden: Record<string, string>;
    embed: boolean;
  },
): string => {
  const t = text[locale];
  const fields = form.fields
    .map((f) => {
      const error = state.errors[f.key];
      const label = f.label || t[f.key];
      return (
        `<label for="f-${f.key}">${e(label)}${f.required ? ` <span class="req">(${e(t.required)})</span>` : ''}</label>` +
        input(f.key, state.values[f.key] ?? '', f.required, t, error ? `e-${f.key}` : '') +
        (error ? `<p class="error" id="e-${f.key}">${e(error)}</p>` : '')
      );
    })
    .join('');
  const consent = form.consent.enabled
    ? `<label class="consent"><input type="checkbox" name="consent" value="true"${state.values.consent === 'true' ? ' checked' : ''}${form.consent.required ? ' required' : ''}> <span>${e(form.consent.text)}</span></label>` +
      (state.errors.consent ? `<p class="error" role="alert">${e(state.errors.consent)}</p>` : '')
    : '';
  const hidden = [...utmKeys, 'referrer', 'landingPage']
    .filter((k) => state.hidden[k])
    .map((k) => `<input type="hidden" name="${k}" value="${e(state.hidden[k] ?? '')}">`)
    .join('');
  const alert = Object.keys(state.errors).length > 0 ? `<p class="alert" role="alert">${e(t.fix)}</p>` : '';
  const action = `/f/${encodeURIComponent(form.slug)}${state.embed ? '?embed=1' : ''}`;
  return layout(
    locale,
    form.name,
    `<h1>${e(form.name)}</h1>${alert}<form method="post" action="${action}" novalidate>${fields}${consent}${hidden}` +
      `<div class="hp" aria-hidden="true"><label for="f-website">Website</label><input id="f-website" name="website" tabindex="-1" autocomplete="off"></div>` +
      `<button type="submit">${e(t.submit)}</button></form>`,
    state.embed,
  );
};
