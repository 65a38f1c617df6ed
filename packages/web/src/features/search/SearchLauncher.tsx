import { ActionIcon, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PalettePage } from './CommandPalette';

// the palette (its modal, list and search) loads on first use, not with the first page
const CommandPalette = lazy(() => import('./CommandPalette'));

/** The header's search button; Ctrl+K / Cmd+K opens the command palette from anywhere. */
export function SearchLauncher({ pages }: { pages: PalettePage[] }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  // mod = Ctrl on Windows and Linux, Cmd on macOS; also while typing in a field
  useHotkeys([['mod+K', () => setOpened(true)]], []);
  return (
    <>
      <Tooltip label={t('palette.open')}>
        <ActionIcon variant="subtle" size="lg" aria-label={t('palette.open')} onClick={() => setOpened(true)}>
          <IconSearch size={20} aria-hidden />
        </ActionIcon>
      </Tooltip>
      {opened && (
        <Suspense fallback={null}>
          <CommandPalette pages={pages} onClose={() => setOpened(false)} />
        </Suspense>
      )}
    </>
  );
}
