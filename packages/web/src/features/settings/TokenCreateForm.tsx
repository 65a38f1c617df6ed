import { Button, Checkbox, Group, Paper, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { type CreatedToken, CreateTokenInput, contract, type TokenScope, tokenAreas } from '@nenner/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, invalidate } from '../../api/endpoints';
import { DateField } from '../../components/fields';
import { FormProblem } from '../../components/form/FormProblem';
import { useRecordForm } from '../../components/form/useRecordForm';

/** The last moment of a local date (YYYY-MM-DD) in the browser's zone, as an instant. */
const endOfDay = (date: string): string => new Date(`${date}T23:59:59`).toISOString();

/** A new personal API token: its name, read or write access, the areas it may reach, and its expiry date. */
export function TokenCreateForm({ onCreated }: { onCreated: (token: CreatedToken) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const create = useMutation({
    mutationFn: (input: CreateTokenInput) => call(contract.createToken, { body: input }),
    onSuccess: (tok) => {
      onCreated(tok);
      void invalidate(qc, 'tokens');
    },
  });
  const form = useRecordForm({
    // no date: the token does not expire
    initialValues: { name: '', access: 'read' as 'read' | 'write', areas: [] as string[], expiresOn: '' },
    toInput: ({ name, access, areas, expiresOn }): CreateTokenInput => ({
      name,
      scopes: [access, ...(areas as TokenScope[])],
      ...(expiresOn ? { expiresAt: endOfDay(expiresOn) } : {}),
    }),
    schema: CreateTokenInput,
    error: create.error,
  });
  const today = new Date().toISOString().slice(0, 10);
  return (
    <Paper withBorder p="md">
      <form onSubmit={form.onSubmit((input) => create.mutate(input, { onSuccess: () => form.reset() }))}>
        <Stack gap="sm">
          <Group align="flex-start" wrap="wrap">
            <TextInput label={t('settings.tokenName')} w={260} {...form.field('name')} />
            <DateField
              label={t('access.expiresOn')}
              description={t('access.expiresOnHint')}
              min={today}
              w={260}
              {...form.field('expiresOn')}
              error={form.fieldErrors.expiresAt}
            />
          </Group>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="token-access">
              {t('access.accessLabel')}
            </Text>
            <SegmentedControl
              aria-labelledby="token-access"
              w="fit-content"
              data={[
                { value: 'read', label: t('access.read') },
                { value: 'write', label: t('access.write') },
              ]}
              {...form.field('access')}
            />
          </Stack>
          <Checkbox.Group
            label={t('access.areasLabel')}
            description={t('access.scopesHint')}
            {...form.field('areas')}
            error={form.fieldErrors.scopes}
          >
            <Group gap="md" mt={6}>
              {tokenAreas.map((a) => (
                <Checkbox key={a} value={a} label={t(`access.area.${a}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <Group>
            <Button type="submit" loading={create.isPending} disabled={!form.values.name.trim()}>
              {t('settings.createToken')}
            </Button>
          </Group>
          {!form.fieldErrors.name && <FormProblem problem={form.problem} />}
        </Stack>
      </form>
    </Paper>
  );
}
