import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';

interface Props {
  backTo: '/accounts' | '/contacts' | '/leads' | '/deals' | '/competitors' | '/quality' | '/campaigns';
  backLabel: string;
  title: string;
  facts: ReactNode;
  actions?: ReactNode;
}

export function DetailHeader({ backTo, backLabel, title, facts, actions }: Props) {
  return (
    <Stack gap={6} mb="lg">
      <Anchor component={Link} to={backTo} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden />
          {backLabel}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Title order={1} size="h2">
          {title}
        </Title>
        {actions}
      </Group>
      <Group gap="sm" c="dimmed">
        {facts}
      </Group>
    </Stack>
  );
}

export function Fact({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed" component="span">
      {children}
    </Text>
  );
}
