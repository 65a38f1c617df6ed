/** The server names the SSRF rule a URL broke first (`loopback: 127.0.0.1 is not a public address`): its translation key. */
export const ruleMessageKey = (message: string): string => `webhooks.rules.${message.split(':')[0]?.trim() ?? ''}`;
