import { Button, type ButtonProps } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * Hands a half-typed value to its form before the form is sent: an email typed but not yet made a chip
 * becomes part of the record. Blurring the focused field commits it (TagsInput accepts its text on blur),
 * and the form reads its values after this click handler, so the send includes it.
 */
const commitFocusedField = () => {
  const focused = document.activeElement;
  if (focused instanceof HTMLElement && focused.closest('form')) focused.blur();
};

type Props = ButtonProps & { children: ReactNode; 'data-testid'?: string };

/**
 * A form's submit button that saves on the first click. Pressing it does not take the focus: otherwise the
 * focused field would commit on mouse-down, the form would grow, the button would move away from under the
 * pointer, and the click would miss.
 */
export function SubmitButton(props: Props) {
  return (
    <Button type="submit" {...props} onMouseDown={(event) => event.preventDefault()} onClick={commitFocusedField} />
  );
}
