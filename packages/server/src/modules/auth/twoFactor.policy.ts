import { TwoFactorPolicy, type TwoFactorRequirement } from '@nenner/shared';

/** The settings key of the workspace's two-factor policy (issue 15). */
export const TWO_FACTOR_POLICY_KEY = 'two_factor_policy';

/** The stored policy's requirement; nothing stored (or unreadable) requires it of nobody. */
export const parseTwoFactorPolicy = (stored: string | null | undefined): TwoFactorRequirement => {
  if (!stored) return 'nobody';
  try {
    const parsed = TwoFactorPolicy.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data.require : 'nobody';
  } catch {
    return 'nobody';
  }
};

/** Whether the stored policy asks a user of this role for a second factor. */
export const twoFactorRequiredFor = (stored: string | null | undefined, role: string): boolean => {
  const require = parseTwoFactorPolicy(stored);
  return require === 'everyone' || (require === 'admins' && role === 'admin');
};
