import { createTheme } from '@mantine/core';
import type { Department } from '@nenner/shared';

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  headings: { fontWeight: '650' },
  focusRing: 'auto',
  cursorType: 'pointer',
});

/** One colour per department, the same everywhere, so both sides read the same facts at a glance. */
export const departmentColor: Record<Department, string> = {
  marketing: 'grape',
  sales: 'teal',
  management: 'orange',
};
