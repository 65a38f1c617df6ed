import { Alert, Grid, Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from './notify';

export function DetailSkeleton() {
  return (
    <Stack aria-hidden>
      <Skeleton height={14} width={120} />
      <Skeleton height={32} width={320} />
      <Grid mt="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Skeleton height={360} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Skeleton height={360} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

export function DetailError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" role="alert">
      {errorMessage(t, error)}
    </Alert>
  );
}
