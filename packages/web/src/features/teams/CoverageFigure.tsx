import { Group, Paper, RingProgress, Skeleton, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../../i18n/format';
import { coverageColor, missingPartnerSearch } from './teamPage';
import { useAccountCoverage } from './useTeamPage';

/**
 * The coverage of account pairs: of the accounts with an open deal, the share with both a sales owner
 * and a marketing partner; the accounts still without a partner are one click away.
 */
export function CoverageFigure({ teamId, compact = false }: { teamId?: string; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const coverage = useAccountCoverage(teamId);
  if (coverage.isPending) return <Skeleton h={compact ? 40 : 88} w={compact ? 260 : '100%'} />;
  if (coverage.isError) return null;
  const c = coverage.data;
  const percent = formatPercent(c.shareRatio, i18n.language);
  const color = coverageColor(c.shareRatio);
  const body = (
    <Group gap="sm" wrap="nowrap" data-testid="account-coverage">
      <RingProgress
        size={compact ? 44 : 72}
        thickness={compact ? 5 : 8}
        roundCaps
        sections={[{ value: (c.shareRatio ?? 0) * 100, color }]}
        aria-hidden
      />
      <Stack gap={2}>
        <Group gap={6} align="baseline">
          <Text size="sm" fw={600}>
            {t('coverage.title')}
          </Text>
          <Text fw={700} fz={compact ? 'md' : 'xl'} aria-label={t('coverage.figureLabel')} data-testid="coverage-share">
            {percent}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {c.accountsWithOpenDeals === 0
            ? t('coverage.none')
            : t('coverage.ofTotal', { paired: c.paired, total: c.accountsWithOpenDeals })}
        </Text>
        {(c.missingPartner > 0 || c.missingOwner > 0) && (
          <Group gap="sm">
            {c.missingPartner > 0 && (
              <Text size="xs" component="span">
                <Link
                  to="/accounts"
                  search={missingPartnerSearch(teamId)}
                  className="nenner-link"
                  data-testid="coverage-missing-partner"
                >
                  {t('coverage.missingPartner', { count: c.missingPartner })}
                </Link>
              </Text>
            )}
            {c.missingOwner > 0 && (
              <Text size="xs" c="dimmed">
                {t('coverage.missingOwner', { count: c.missingOwner })}
              </Text>
            )}
          </Group>
        )}
      </Stack>
    </Group>
  );
  return compact ? (
    body
  ) : (
    <Paper withBorder p="md" component="section" aria-label={t('coverage.title')}>
      {body}
    </Paper>
  );
}
