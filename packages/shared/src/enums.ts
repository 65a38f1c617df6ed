export const departments = ['marketing', 'sales', 'management'] as const;

export const roles = ['admin', 'member', 'viewer'] as const;

export const locales = ['de', 'en'] as const;

export const lifecycleStages = [
  'subscriber',
  'lead',
  'mql',
  'sal',
  'sql',
  'opportunity',
  'customer',
  'evangelist',
  'other',
] as const;

export const employeeBands = ['1-10', '11-50', '51-200', '201-500', '501-1000', '1001-5000', '5001+'] as const;

/** Suggested values; the field itself is free text so that a workspace can use its own. */
export const industrySuggestions = [
  'Maschinenbau',
  'Automobilzulieferer',
  'Chemie',
  'Elektrotechnik',
  'Software',
  'IT-Dienstleistungen',
  'Logistik',
  'Handel',
  'Lebensmittel',
  'Medizintechnik',
  'Pharma',
  'Bau',
  'Energie',
  'Finanzdienstleistungen',
  'Versicherungen',
  'Beratung',
  'Telekommunikation',
  'Medien',
  'Tourismus',
  'Öffentlicher Sektor',
] as const;

export const sourceSuggestions = [
  'website',
  'event',
  'trade_fair',
  'webinar',
  'referral',
  'partner',
  'cold_outreach',
  'import',
  'manual',
] as const;

export const entityTypes = ['account', 'contact', 'user', 'token'] as const;
export type EntityType = (typeof entityTypes)[number];

export const timelineKinds = [
  'note',
  'comment',
  'audit',
  'touchpoint',
  'handoff',
  'activity',
  'deal',
  'import',
] as const;
