import { Alert, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { type ContributionLink, type ContributionResult, sourceDepartments } from '@nenner/shared';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DepartmentBadge } from '../../components/DepartmentBadge';
import { FigureHelp } from '../../components/FigureHelp';
import { errorMessage } from '../../components/notify';
import { type ReportColumn, ReportTable } from '../../components/ReportTable';
import { useNarrow } from '../../components/useNarrow';
import { formatHours, formatMoney, formatNumber, formatPercent } from '../../i18n/format';
import { ContributionDrawer } from './ContributionDrawer';
import { PeriodPicker } from './PeriodPicker';
import { isValidPeriod, presetPeriod } from './period';
import { departmentFigures, linkKey, type ScoreFigure, slaFigures } from './scorecard';
import { useContribution } from './useReports';

/** A figure's value as a button that opens its records, with its parts (won / closed …) as smaller links. */
function FigureValue({
  figure,
  currency,
  onOpen,
  size = 22,
}: {
  figure: ScoreFigure;
  currency: string;
  onOpen: (link: ContributionLink) => void;
  size?: number;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const value =
    figure.value === null
      ? '–'
      : figure.kind === 'money'
        ? formatMoney(figure.value, currency, lng, true)
        : figure.kind === 'rate'
          ? formatPercent(figure.value, lng)
          : formatNumber(figure.value, lng);
  const label = t(`analytics.contribution.${figure.key}`);
  return (
    <Stack gap={2} data-testid={`contrib-${linkKey(figure.link)}`}>
      <UnstyledButton
        onClick={() => onOpen(figure.link)}
        aria-label={`${t('analytics.contribution.openFigure', { figure: label })}: ${value}`}
        fz={size}
        fw={700}
        className="nenner-link"
        data-testid="contrib-value"
      >
        {value}
      </UnstyledButton>
      <Group gap="xs">
        {figure.parts.map((p) =>
          p.link ? (
            <UnstyledButton key={p.label} fz="xs" c="dimmed" td="underline" onClick={() => p.link && onOpen(p.link)}>
              {t(`analytics.contribution.part.${p.label}`, { n: formatNumber(p.count, lng) })}
            </UnstyledButton>
          ) : (
            <Text key={p.label} fz="xs" c="dimmed">
              {t(`analytics.contribution.part.${p.label}`, { n: formatNumber(p.count, lng) })}
            </Text>
          ),
        )}
      </Group>
    </Stack>
  );
}

/** A money figure once per currency, side by side (never converted); other figures once. */
function FigureValues({
  figures,
  onOpen,
  size,
}: {
  figures: { figure: ScoreFigure; currency: string }[];
  onOpen: (link: ContributionLink) => void;
  size?: number;
}) {
  return (
    <Group gap="lg" align="flex-start">
      {figures.map((f) => (
        <FigureValue key={f.currency} figure={f.figure} currency={f.currency} onOpen={onOpen} size={size} />
      ))}
    </Group>
  );
}

function DepartmentTable({ data, onOpen }: { data: ContributionResult; onOpen: (l: ContributionLink) => void }) {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const columns = sourceDepartments.map((d) => ({
    department: d,
    figures: departmentFigures(data.departments[d]),
    perCurrency: data.byCurrency.map((m) => ({
      currency: m.currency,
      figures: departmentFigures({ ...data.departments[d], ...m.departments[d] }),
    })),
  }));
  const keys = columns[0]?.figures.map((f) => f.key) ?? [];
  const rows = keys.map((key, i) => ({ key, i }));
  const table: ReportColumn<{ key: string; i: number }>[] = [
    {
      key: 'figure',
      header: '',
      width: '34%',
      cell: ({ key }) => (
        <>
          {t(`analytics.contribution.${key}`)}
          <Text size="xs" c="dimmed" fw={400}>
            {t(`analytics.contribution.hint.${key}`)}
          </Text>
        </>
      ),
      cellProps: { style: { verticalAlign: 'top' } },
    },
    ...columns.map(
      (c): ReportColumn<{ key: string; i: number }> => ({
        key: c.department,
        width: '33%',
        cardLabel: t('analytics.contribution.sourcedBy', { department: t(`department.${c.department}`) }),
        header: (
          <Group gap={6}>
            <DepartmentBadge department={c.department} size="lg" />
            <Text size="xs" c="dimmed">
              {t('analytics.contribution.sourcedBy', { department: t(`department.${c.department}`) })}
            </Text>
          </Group>
        ),
        headerProps: { 'data-testid': `contrib-col-${c.department}` },
        cellProps: { style: { verticalAlign: 'top' } },
        cell: ({ i }) => {
          const figure = c.figures[i] as ScoreFigure;
          const values =
            figure.kind === 'money'
              ? c.perCurrency.map((p) => ({ figure: p.figures[i] as ScoreFigure, currency: p.currency }))
              : [{ figure, currency: data.currency }];
          // half a phone's width holds a smaller figure
          return <FigureValues figures={values} onOpen={onOpen} size={narrow ? 18 : undefined} />;
        },
      }),
    ),
  ];
  return (
    <ReportTable
      columns={table}
      rows={rows}
      rowKey={(r) => r.key}
      rowHeaders
      verticalSpacing="sm"
      testId="contribution-table"
      ariaLabel={t('analytics.tabContribution')}
      minWidth={720}
    />
  );
}

/** Marketing and sales side by side: the same figures for both, each opening the records behind it. */
export function ContributionView() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [period, setPeriod] = useState(() => presetPeriod('thisYear'));
  const [open, setOpen] = useState<ContributionLink | null>(null);
  const valid = isValidPeriod(period);
  const report = useContribution(period, valid);
  const data = report.data;
  const sla = useMemo(() => (data ? slaFigures(data.sla) : []), [data]);
  return (
    <Stack>
      <PeriodPicker value={period} onChange={setPeriod} />
      <Text size="sm" c="dimmed">
        {t('analytics.contribution.intro')}
      </Text>
      {report.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(t, report.error)}
        </Alert>
      ) : !data ? (
        <Skeleton h={420} />
      ) : (
        <Stack style={{ opacity: report.isPlaceholderData ? 0.6 : 1 }}>
          {data.byCurrency.length > 1 && <FigureHelp figure="moneyPerCurrency" line />}
          <Paper withBorder p="md">
            <DepartmentTable data={data} onOpen={setOpen} />
          </Paper>
          <Paper withBorder p="md" component="section" aria-labelledby="contrib-influenced">
            <Title order={2} size="h4" id="contrib-influenced" mb="sm">
              {t('analytics.contribution.allInfluenced')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {(['pipeline', 'revenue'] as const).map((m) => {
                const values = data.byCurrency.map((c) => {
                  const f = c.influenced[m];
                  const figure: ScoreFigure = {
                    key: m === 'pipeline' ? 'influencedPipeline' : 'influencedRevenue',
                    kind: 'money',
                    value: f.amount,
                    link: f.link,
                    parts: [{ label: 'deals', count: f.deals, link: f.link }],
                  };
                  return { figure, currency: c.currency };
                });
                return (
                  <div key={m}>
                    <Text size="sm" fw={500}>
                      {t(`analytics.measure.${m}`)}
                    </Text>
                    <FigureValues figures={values} onOpen={setOpen} />
                  </div>
                );
              })}
            </SimpleGrid>
          </Paper>
          <Paper withBorder p="md" component="section" aria-labelledby="contrib-sla">
            <Title order={2} size="h4" id="contrib-sla">
              {t('analytics.contribution.slaTitle')}
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              {t('analytics.contribution.slaIntro')}
            </Text>
            <SimpleGrid cols={{ base: 1, md: 3 }}>
              {sla.map((f) => (
                <Paper
                  key={f.key}
                  withBorder
                  p="sm"
                  component="section"
                  aria-label={t(`analytics.contribution.${f.key}`)}
                >
                  <Group gap={4} wrap="nowrap">
                    <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                      {t(`analytics.contribution.${f.key}`)}
                    </Text>
                    {f.key === 'mqls' && <FigureHelp figure="handoffsDelivered" />}
                  </Group>
                  <FigureValue figure={f} currency={data.currency} onOpen={setOpen} size={28} />
                  <Text size="xs" c="dimmed" mt={4}>
                    {f.key === 'mqls'
                      ? f.attainment == null
                        ? t('analytics.contribution.noCommitment')
                        : t('analytics.contribution.attainment', { percent: formatPercent(f.attainment, lng) })
                      : f.key === 'responseWithinSla'
                        ? t('analytics.contribution.medianResponse', {
                            hours: formatHours(data.sla.medianResponseHours, lng),
                          })
                        : t(`analytics.contribution.hint.${f.key}`)}
                  </Text>
                </Paper>
              ))}
            </SimpleGrid>
          </Paper>
        </Stack>
      )}
      <ContributionDrawer link={open} onClose={() => setOpen(null)} />
    </Stack>
  );
}
