import { ActionIcon, Text, Tooltip } from '@mantine/core';
import type { FigureKey } from '@nenner/shared';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/**
 * A figure's one-line definition (from packages/shared, in the user's language): as a line under the
 * figure (`line`), or as an info icon with a tooltip beside its name.
 */
export function FigureHelp({ figure, line = false }: { figure: FigureKey; line?: boolean }) {
  const { t } = useTranslation();
  const definition = t(`figures.${figure}.definition`);
  if (line)
    return (
      <Text size="xs" c="dimmed" data-testid={`figure-definition-${figure}`}>
        {definition}
      </Text>
    );
  return (
    <Tooltip label={definition} multiline w={300} withArrow events={{ hover: true, focus: true, touch: true }}>
      <ActionIcon
        variant="subtle"
        color="gray"
        size="xs"
        aria-label={`${t(`figures.${figure}.name`)}: ${definition}`}
        data-testid={`figure-help-${figure}`}
      >
        <IconInfoCircle size={14} aria-hidden />
      </ActionIcon>
    </Tooltip>
  );
}
