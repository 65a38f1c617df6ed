import { ActionIcon, Alert, Code, CopyButton, Group, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/**
 * A secret shown this once (an API token, a webhook secret, a calendar feed's address): the words around
 * it, the value to copy, and a close button — Nenner keeps only its hash and cannot show it again.
 */
export function SecretOnce({
  title,
  hint,
  label,
  value,
  onClose,
}: {
  title: string;
  hint: string;
  /** What the value is, for screen readers. */
  label: string;
  value: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Alert color="teal" title={title} withCloseButton onClose={onClose}>
      <Text size="sm" mb="xs">
        {hint}
      </Text>
      <Group gap="xs" wrap="nowrap">
        <Code block style={{ flex: 1, wordBreak: 'break-all' }} aria-label={label}>
          {value}
        </Code>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? t('common.copied') : t('common.copy')}>
              <ActionIcon variant="light" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={t('common.copy')}>
                {copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
    </Alert>
  );
}
