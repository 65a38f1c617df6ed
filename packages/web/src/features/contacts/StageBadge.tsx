import { Badge } from '@mantine/core';
import type { LifecycleStage } from '@nenner/shared';
import { useTranslation } from 'react-i18next';

const stageColor: Record<LifecycleStage, string> = {
  subscriber: 'gray',
  lead: 'blue',
  mql: 'grape',
  sal: 'violet',
  sql: 'indigo',
  opportunity: 'cyan',
  customer: 'teal',
  evangelist: 'green',
  other: 'gray',
};

export function StageBadge({ stage }: { stage: LifecycleStage }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={stageColor[stage]}>
      {t(`stage.${stage}`)}
    </Badge>
  );
}
