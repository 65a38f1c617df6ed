import { SegmentedControl, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RejectReasonsEditor } from './ReasonsEditor';
import { RoutingEditor } from './RoutingEditor';
import { ScoringEditor } from './ScoringEditor';
import { SlaSettingsEditor } from './SlaSettingsEditor';

const parts = ['sla', 'scoring', 'routing', 'reasons'] as const;

/** The lead contract and rules both departments work by: SLA, scoring, routing and teams, reject reasons. */
export function LeadSettings() {
  const { t } = useTranslation();
  const [part, setPart] = useState<(typeof parts)[number]>('sla');
  return (
    <Stack>
      <SegmentedControl
        value={part}
        onChange={(v) => setPart(v as (typeof parts)[number])}
        data={parts.map((p) => ({ value: p, label: t(`leadSettings.${p}`) }))}
        w="fit-content"
        aria-label={t('leadSettings.parts')}
      />
      {part === 'sla' && <SlaSettingsEditor />}
      {part === 'scoring' && <ScoringEditor />}
      {part === 'routing' && <RoutingEditor />}
      {part === 'reasons' && <RejectReasonsEditor />}
    </Stack>
  );
}
