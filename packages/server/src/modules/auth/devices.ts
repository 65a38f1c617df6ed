import Bowser from 'bowser';

/**
 * A readable name for the device behind a user agent, for the session list: "Firefox 128 on Windows",
 * "Safari on iOS (mobile)". Null without a user agent; the raw agent (cut short) when nothing is recognised.
 */
export const describeDevice = (userAgent: string | null | undefined): string | null => {
  if (!userAgent) return null;
  const r = Bowser.parse(userAgent);
  const browser = r.browser.name ? [r.browser.name, r.browser.version?.split('.')[0]].filter(Boolean).join(' ') : '';
  const os = r.os.name ?? '';
  if (!browser && !os) return userAgent.slice(0, 60);
  const kind = r.platform.type === 'mobile' || r.platform.type === 'tablet' ? ` (${r.platform.type})` : '';
  return (browser && os ? `${browser} on ${os}` : browser || os) + kind;
};
