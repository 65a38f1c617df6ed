import { Alert } from '@mantine/core';
import { contract } from '@nenner/shared';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/endpoints';

/** "Demo-Arbeitsbereich": shown on every screen while the demo workspace is in use (issue 15). */
export function DemoBanner() {
  const { t } = useTranslation();
  const workspace = useQuery({
    queryKey: ['workspace'],
    queryFn: () => call(contract.getWorkspace, {}),
    staleTime: 10 * 60_000,
  });
  if (!workspace.data?.demo) return null;
  return (
    <Alert color="yellow" variant="light" radius={0} py={6} mb="md" title={t('security.demoBanner')} role="status">
      {t('security.demoBannerText')}
    </Alert>
  );
}
