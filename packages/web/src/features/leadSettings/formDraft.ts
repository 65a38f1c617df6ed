import { type Form, formFieldKeys } from '@nenner/shared';

export type FieldKey = (typeof formFieldKeys)[number];

export type FormDraft = {
  name: string;
  slug: string;
  fields: Record<FieldKey, { on: boolean; required: boolean }>;
  consentEnabled: boolean;
  consentText: string;
  consentRequired: boolean;
  doubleOptIn: boolean;
  campaignKey: string;
  campaignId: string | null;
  after: 'message' | 'redirect';
  thankYouMessage: string;
  redirectUrl: string;
  active: boolean;
};

export const toDraft = (f: Form | null): FormDraft => {
  const fields = Object.fromEntries(
    formFieldKeys.map((k) => {
      const hit = f?.fields.find((x) => x.key === k);
      const fresh = !f && (k === 'email' || k === 'firstName' || k === 'lastName' || k === 'company');
      return [k, { on: Boolean(hit) || fresh || k === 'email', required: k === 'email' || Boolean(hit?.required) }];
    }),
  ) as FormDraft['fields'];
  return {
    name: f?.name ?? '',
    slug: f?.slug ?? '',
    fields,
    consentEnabled: f?.consent.enabled ?? true,
    consentText: f?.consent.text ?? '',
    consentRequired: f?.consent.required ?? true,
    doubleOptIn: f?.doubleOptIn ?? false,
    campaignKey: f?.campaignKey ?? '',
    campaignId: linkedCampaign(f),
    after: f?.redirectUrl ? 'redirect' : 'message',
    thankYouMessage: f?.thankYouMessage ?? '',
    redirectUrl: f?.redirectUrl ?? '',
    active: f?.active ?? true,
  };
};

/** The form's campaign (optional in the schema while forms without one exist). */
const linkedCampaign = (f: Form | null): string | null =>
  (f as { campaignId?: string | null } | null)?.campaignId ?? null;

export const toInput = (d: FormDraft, f: Form | null) => ({
  name: d.name.trim(),
  slug: d.slug.trim(),
  fields: formFieldKeys.filter((k) => d.fields[k].on).map((k) => ({ key: k, required: d.fields[k].required })),
  consent: { enabled: d.consentEnabled, text: d.consentText.trim(), required: d.consentRequired },
  doubleOptIn: d.doubleOptIn,
  campaignKey: d.campaignKey.trim() || null,
  // only sent when it changed, so forms without a campaign save as before
  ...(d.campaignId !== linkedCampaign(f) && { campaignId: d.campaignId }),
  thankYouMessage: d.after === 'message' ? d.thankYouMessage.trim() || null : null,
  redirectUrl: d.after === 'redirect' ? d.redirectUrl.trim() || null : null,
  active: d.active,
});
