import { em, px, useMantineTheme } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';

/**
 * True below Mantine's `sm` breakpoint (a phone held upright): lists become cards and filters fold behind a
 * button. Read on the first render, so a phone never flashes the wide table first.
 */
export function useNarrow(): boolean {
  const theme = useMantineTheme();
  const below = Number(px(theme.breakpoints.sm)) - 0.1;
  return useMediaQuery(`(max-width: ${em(below)})`, undefined, { getInitialValueInEffect: false });
}
