import { Notifications } from '@mantine/notifications';

/**
 * Where toasts appear; loaded just after the first render (toasts shown before that wait in the store).
 * Bottom right, clear of the header: at the top they covered the bell and the user menu.
 */
export function Toasts() {
  return <Notifications position="bottom-right" aria-live="polite" />;
}
