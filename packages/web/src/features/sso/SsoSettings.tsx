import {
  ActionIcon,
  Button,
  Group,
  Paper,
  PasswordInput,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  contract,
  type Department,
  departments,
  type Role,
  roles,
  type SsoSettings as Settings,
  type SsoGroupRule,
  type UpdateSsoSettingsInput,
} from '@nenner/shared';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { call, invalidate, keyOf } from '../../api/endpoints';
import { notifyError, notifySuccess } from '../../components/notify';

type Draft = Omit<UpdateSsoSettingsInput, 'clientSecret'> & { clientSecret: string };

const draftOf = (s: Settings): Draft => ({
  enabled: s.enabled,
  issuer: s.issuer,
  clientId: s.clientId,
  clientSecret: '',
  displayName: s.displayName,
  allowedDomains: s.allowedDomains,
  groupRules: s.groupRules,
  defaultDepartment: s.defaultDepartment,
  defaultRole: s.defaultRole,
  passwordLoginDisabled: s.passwordLoginDisabled,
});

/** Issue 15: the single sign-on provider, its allowed domains and group mapping (admins, in the user administration). */
export function SsoSettings() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const settings = useQuery({
    queryKey: keyOf(contract.getSsoSettings),
    queryFn: () => call(contract.getSsoSettings, {}),
  });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    if (settings.data) setDraft(draftOf(settings.data));
  }, [settings.data]);
  const save = useMutation({
    mutationFn: (d: Draft) =>
      call(contract.updateSsoSettings, {
        // the secret is write-only: empty keeps the stored one
        body: { ...d, clientSecret: d.clientSecret || null },
        ...(settings.data ? { version: settings.data.version } : {}),
      }),
    onSuccess: () => {
      setErrors({});
      notifySuccess(t('sso.saved'));
      return invalidate(qc, contract.getSsoSettings, contract.getSsoConfig);
    },
    onError: (e) => {
      if (isApiError(e) && e.status === 400) setErrors(e.fieldErrors());
      notifyError(t, e);
    },
  });
  if (!draft || !settings.data) return null;
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const setRule = (i: number, patch: Partial<SsoGroupRule>) =>
    set({ groupRules: draft.groupRules.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const departmentOptions = departments.map((d) => ({ value: d, label: t(`department.${d}`) }));
  const roleOptions = roles.map((r) => ({ value: r, label: t(`role.${r}`) }));

  return (
    <Paper withBorder p="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(draft);
        }}
      >
        <Stack gap="sm">
          <div>
            <Title order={3} size="h5" mb={4}>
              {t('sso.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('sso.intro')}
            </Text>
          </div>
          <Switch
            label={t('sso.enabled')}
            checked={draft.enabled}
            onChange={(e) => set({ enabled: e.currentTarget.checked })}
          />
          <TextInput
            label={t('sso.issuer')}
            description={t('sso.issuerHint')}
            value={draft.issuer}
            error={errors.issuer}
            onChange={(e) => set({ issuer: e.currentTarget.value })}
          />
          <Group grow align="flex-start">
            <TextInput
              label={t('sso.clientId')}
              value={draft.clientId}
              error={errors.clientId}
              onChange={(e) => set({ clientId: e.currentTarget.value })}
            />
            <PasswordInput
              label={t('sso.clientSecret')}
              description={settings.data.clientSecretSet ? t('sso.clientSecretSet') : t('sso.clientSecretMissing')}
              autoComplete="new-password"
              value={draft.clientSecret}
              onChange={(e) => set({ clientSecret: e.currentTarget.value })}
            />
          </Group>
          <TextInput label={t('sso.redirectUri')} value={settings.data.redirectUri} readOnly />
          <TextInput
            label={t('sso.displayName')}
            value={draft.displayName}
            error={errors.displayName}
            maxLength={80}
            onChange={(e) => set({ displayName: e.currentTarget.value })}
          />
          <TagsInput
            label={t('sso.allowedDomains')}
            description={t('sso.allowedDomainsHint')}
            value={draft.allowedDomains}
            error={errors.allowedDomains}
            onChange={(v) => set({ allowedDomains: v.map((d) => d.trim().toLowerCase()) })}
          />
          <div>
            <Text fw={500} size="sm">
              {t('sso.groupRules')}
            </Text>
            <Text size="xs" c="dimmed" mb="xs">
              {t('sso.groupRulesIntro')}
            </Text>
            <Stack gap="xs">
              {draft.groupRules.map((rule, i) => (
                <Group key={i} align="flex-end" wrap="nowrap">
                  <TextInput
                    label={t('sso.group')}
                    value={rule.group}
                    error={errors[`groupRules.${i}.group`]}
                    onChange={(e) => setRule(i, { group: e.currentTarget.value })}
                    style={{ flex: 2 }}
                  />
                  <Select
                    label={t('settings.department')}
                    data={departmentOptions}
                    value={rule.department}
                    allowDeselect={false}
                    onChange={(v) => v && setRule(i, { department: v as Department })}
                    style={{ flex: 1 }}
                  />
                  <Select
                    label={t('settings.role')}
                    data={roleOptions}
                    value={rule.role}
                    allowDeselect={false}
                    onChange={(v) => v && setRule(i, { role: v as Role })}
                    style={{ flex: 1 }}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    mb={4}
                    aria-label={t('sso.removeRule')}
                    onClick={() => set({ groupRules: draft.groupRules.filter((_, j) => j !== i) })}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
              ))}
              <Group>
                <Button
                  variant="subtle"
                  size="xs"
                  leftSection={<IconPlus size={14} aria-hidden />}
                  onClick={() =>
                    set({ groupRules: [...draft.groupRules, { group: '', department: 'sales', role: 'member' }] })
                  }
                >
                  {t('sso.addRule')}
                </Button>
              </Group>
            </Stack>
          </div>
          <Group grow>
            <Select
              label={`${t('sso.defaultMapping')}: ${t('settings.department')}`}
              data={departmentOptions}
              value={draft.defaultDepartment}
              allowDeselect={false}
              onChange={(v) => v && set({ defaultDepartment: v as Department })}
            />
            <Select
              label={`${t('sso.defaultMapping')}: ${t('settings.role')}`}
              data={roleOptions}
              value={draft.defaultRole}
              allowDeselect={false}
              onChange={(v) => v && set({ defaultRole: v as Role })}
            />
          </Group>
          <Switch
            label={t('sso.passwordLoginDisabled')}
            description={t('sso.passwordLoginDisabledHint')}
            checked={draft.passwordLoginDisabled}
            onChange={(e) => set({ passwordLoginDisabled: e.currentTarget.checked })}
          />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('sso.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
