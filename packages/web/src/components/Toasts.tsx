import { Notifications } from '@mantine/notifications';

/** Where toasts appear; loaded just after the first render (toasts shown before that wait in the store). */
export function Toasts() {
  return <Notifications position="top-right" aria-live="polite" />;
}
