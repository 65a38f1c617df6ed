import { Skeleton, Stack } from '@mantine/core';

export function TableSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <Stack gap="xs" aria-hidden>
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} height={34} />
      ))}
    </Stack>
  );
}
