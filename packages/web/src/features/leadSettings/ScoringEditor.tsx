import { NumberInput, Paper, Stack, TagsInput, Title } from '@mantine/core';
import { fitFields, fitOperators, type ScoringSettings, touchpointTypes } from '@nenner/shared';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EditableRows } from '../../components/EditableRows';
import { newRowId } from '../../components/lists';
import { numberField, selectField } from '../../components/rowFields';
import { SettingForm } from './SettingForm';

type FitRule = ScoringSettings['fit'][number];
type EngagementRule = ScoringSettings['engagement'][number];

const points = { min: -100, max: 100, w: 90 };
const asList = (v: string | string[]) => (Array.isArray(v) ? v : [v]);

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h5" mb="xs">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** Marketing's lead scoring: the MQL threshold, fit rules on the contact, engagement rules on touchpoints. */
export function ScoringEditor() {
  const { t } = useTranslation();
  const fieldOptions = fitFields.map((f) => ({ value: f, label: t(`leads.fitField.${f}`) }));
  const operatorOptions = fitOperators.map((o) => ({ value: o, label: t(`scoring.op.${o}`) }));
  const touchpointOptions = touchpointTypes.map((x) => ({ value: x, label: t(`leads.touchpoint.${x}`) }));
  return (
    <SettingForm<ScoringSettings> path="scoring" action="settings.scoring" intro={t('scoring.intro')}>
      {(s, set) => (
        <Stack>
          <NumberInput
            label={t('scoring.threshold')}
            description={t('scoring.thresholdHint')}
            value={s.mqlThreshold}
            min={1}
            w={260}
            onChange={(v) => set({ ...s, mqlThreshold: Number(v) || 1 })}
          />
          <Section title={t('leads.fit')}>
            <EditableRows<FitRule>
              rows={s.fit}
              onChange={(fit) => set({ ...s, fit })}
              rowKey={(r) => r.id}
              newRow={() => ({
                id: newRowId(),
                field: 'jobTitle',
                operator: 'contains',
                value: ['leiter'],
                points: 10,
              })}
              addLabel={t('scoring.addFit')}
              fields={[
                selectField<FitRule>('field', t('scoring.field'), fieldOptions),
                selectField<FitRule>('operator', t('scoring.operator'), operatorOptions),
                {
                  key: 'value',
                  label: t('scoring.values'),
                  miw: 240,
                  render: (r, update, label) => (
                    <TagsInput
                      {...label}
                      value={asList(r.value)}
                      onChange={(v) => update({ value: r.operator === 'equals' ? (v[0] ?? '') : v })}
                    />
                  ),
                },
                numberField<FitRule>('points', t('scoring.points'), points),
              ]}
            />
          </Section>
          <Section title={t('leads.engagement')}>
            <EditableRows<EngagementRule>
              rows={s.engagement}
              onChange={(engagement) => set({ ...s, engagement })}
              rowKey={(r) => r.id}
              newRow={() => ({ id: newRowId(), touchpointType: 'web_visit', points: 2, halfLifeDays: 7 })}
              addLabel={t('scoring.addEngagement')}
              withHeader
              fields={[
                selectField<EngagementRule>('touchpointType', t('scoring.touchpoint'), touchpointOptions),
                numberField<EngagementRule>('points', t('scoring.points'), points),
                numberField<EngagementRule>('halfLifeDays', t('scoring.halfLife'), { min: 0, max: 3650, w: 110 }),
              ]}
            />
          </Section>
        </Stack>
      )}
    </SettingForm>
  );
}
