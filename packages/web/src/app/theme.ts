import {
  Badge,
  type CSSVariablesResolver,
  createTheme,
  darken,
  defaultVariantColorsResolver,
  parseThemeColor,
  type VariantColorsResolver,
} from '@mantine/core';
import type { Department } from '@nenner/shared';

/*
 * Readable colours (WCAG 2.1 AA, 4.5:1 for text; the browser tests check it with axe-core): Mantine's
 * defaults put text in shade 6 on a 10 % tint of it, which for teal, orange or yellow is near 2.5:1.
 * Light, subtle, outline and transparent variants write their text in a darkened shade 9 instead; filled
 * variants pick black or white text by the fill's luminance; the primary colour is shade 8; dimmed text is
 * a darker grey.
 */

/** The text colour of a theme colour (`<Text c="teal">`, a tinted badge): its shade 9, darkened. */
const readableText = (shades: readonly string[], color: string): string =>
  color === 'gray' ? (shades[7] ?? '#495057') : darken(shades[9] ?? '#000000', 0.3);

const TINTED = new Set(['light', 'subtle', 'outline', 'transparent']);

const readableVariants: VariantColorsResolver = (input) => {
  const resolved = defaultVariantColorsResolver(input);
  if (!TINTED.has(input.variant)) return resolved;
  const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
  const shades = parsed.isThemeColor ? input.theme.colors[parsed.color] : undefined;
  if (!shades || parsed.color === 'dark') return resolved;
  return { ...resolved, color: readableText(shades, parsed.color) };
};

export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 8,
  autoContrast: true,
  variantColorResolver: readableVariants,
  defaultRadius: 'md',
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  headings: { fontWeight: '650' },
  focusRing: 'auto',
  cursorType: 'pointer',
  components: {
    // a badge keeps its whole word ("Qualifizierung", not "QUALIFI…"): its column grows instead
    Badge: Badge.extend({
      styles: { root: { flexShrink: 0, maxWidth: 'none', overflow: 'visible' }, label: { overflow: 'visible' } },
    }),
  },
});

/**
 * Text in a theme colour (`c="teal"`) reads at 4.5:1 or more on white and on the page's light grey, and dimmed
 * text at 5.8:1 (Mantine's gray.6 gives 3.2:1).
 */
export const cssVariables: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#5c636a',
    ...Object.fromEntries(
      Object.entries(t.colors)
        .filter(([color]) => color !== 'dark')
        .map(([color, shades]) => [`--mantine-color-${color}-text`, readableText(shades, color)]),
    ),
  },
  dark: {},
});

/** One colour per department, the same everywhere, so both sides read the same facts at a glance. */
export const departmentColor: Record<Department, string> = {
  marketing: 'grape',
  sales: 'teal',
  management: 'orange',
};
