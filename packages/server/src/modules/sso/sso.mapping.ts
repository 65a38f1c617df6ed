import type { Department, Role, SsoGroupRule } from '@nenner/shared';

/**
 * The department and role of a new SSO user: the first rule whose group the provider names decides
 * (groups compare without case: Entra ID's object ids are GUIDs), else the default.
 */
export const mapGroups = (
  rules: readonly SsoGroupRule[],
  groups: readonly string[],
  fallback: { department: Department; role: Role },
): { department: Department; role: Role } => {
  const held = new Set(groups.map((g) => g.toLowerCase()));
  const rule = rules.find((r) => held.has(r.group.toLowerCase()));
  return rule ? { department: rule.department, role: rule.role } : fallback;
};

/** The mail domain of an address, lower-case; null without one. */
export const emailDomain = (email: string): string | null => {
  const at = email.lastIndexOf('@');
  return at > 0 && at < email.length - 1 ? email.slice(at + 1).toLowerCase() : null;
};

/** The groups claim as a list of strings, whatever shape the provider sent (missing, one string, a list). */
export const groupsOf = (claim: unknown): string[] => {
  if (typeof claim === 'string') return [claim];
  return Array.isArray(claim) ? claim.filter((g): g is string => typeof g === 'string') : [];
};
