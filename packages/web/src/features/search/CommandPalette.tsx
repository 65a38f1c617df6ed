import { Badge, Group, Loader, Modal, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { contract, type GlobalSearchResult, searchKey } from '@nenner/shared';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type KeyboardEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/endpoints';

/** One of the app's pages, as the navigation lists it. */
export interface PalettePage {
  label: string;
  to: string;
}

type Kind = keyof GlobalSearchResult;
const kinds: Kind[] = ['contacts', 'accounts', 'deals', 'campaigns', 'competitors'];
const pathOf: Record<Kind, (id: string) => string> = {
  contacts: (id) => `/contacts/${id}`,
  accounts: (id) => `/accounts/${id}`,
  deals: (id) => `/deals/${id}`,
  campaigns: (id) => `/campaigns/${id}`,
  competitors: (id) => `/competitors/${id}`,
};

interface Entry {
  key: string;
  group: 'pages' | Kind;
  title: string;
  subtitle: string | null;
  to: string;
}

/**
 * The command palette (Ctrl/Cmd+K): the app's pages and the records of the global search, one list walked
 * with the arrow keys. Loaded on first use only (see SearchLauncher), so the first load does not carry it.
 */
export default function CommandPalette({ pages, onClose }: { pages: PalettePage[]; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 200);
  const [active, setActive] = useState(0);
  const found = useQuery({
    queryKey: ['globalSearch', debounced],
    queryFn: () => call(contract.globalSearch, { query: { q: debounced } }),
    enabled: debounced.length > 0,
    staleTime: 10_000,
  });

  const entries = useMemo<Entry[]>(() => {
    const key = searchKey(q.trim());
    const pageEntries = pages
      .filter((p) => key === '' || searchKey(p.label).includes(key))
      .map((p) => ({ key: `page:${p.to}`, group: 'pages' as const, title: p.label, subtitle: null, to: p.to }));
    const hits = debounced && found.data ? found.data : undefined;
    const records = hits
      ? kinds.flatMap((kind) =>
          hits[kind].map((h) => ({ key: `${kind}:${h.id}`, group: kind, ...h, to: pathOf[kind](h.id) })),
        )
      : [];
    return [...(key === '' ? pageEntries : pageEntries.slice(0, 5)), ...records];
  }, [pages, q, debounced, found.data]);

  const go = (entry: Entry | undefined) => {
    if (!entry) return;
    onClose();
    // the palette's targets are built from the router's own paths (pages and record detail routes)
    void navigate({ to: entry.to as '/' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, entries.length - 1));
    else if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (e.key === 'Enter') go(entries[active]);
    else return;
    e.preventDefault();
  };

  return (
    <Modal opened onClose={onClose} title={t('palette.title')} size="lg" yOffset="10vh">
      <Stack gap="xs">
        <TextInput
          data-autofocus
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          placeholder={t('palette.placeholder')}
          aria-label={t('palette.title')}
          leftSection={<IconSearch size={16} aria-hidden />}
          rightSection={found.isFetching ? <Loader size="xs" aria-label={t('palette.searching')} /> : null}
          role="combobox"
          aria-expanded
          aria-controls="palette-results"
          aria-activedescendant={entries[active] ? `palette-${entries[active].key}` : undefined}
        />
        <ScrollArea.Autosize mah="55vh">
          <Stack gap={2} id="palette-results" role="listbox" aria-label={t('palette.title')}>
            {entries.length === 0 && debounced && !found.isFetching && (
              <Text c="dimmed" size="sm" p="xs">
                {t('palette.nothing')}
              </Text>
            )}
            {entries.map((entry, i) => (
              <UnstyledButton
                key={entry.key}
                id={`palette-${entry.key}`}
                role="option"
                aria-selected={i === active}
                onMouseEnter={() => setActive(i)}
                onClick={() => go(entry)}
                p="xs"
                style={{ borderRadius: 6, background: i === active ? 'var(--mantine-color-indigo-0)' : undefined }}
              >
                <Group justify="space-between" wrap="nowrap">
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm" fw={500} truncate>
                      {entry.title}
                    </Text>
                    {entry.subtitle && (
                      <Text size="xs" c="dimmed" truncate>
                        {entry.subtitle}
                      </Text>
                    )}
                  </div>
                  <Badge variant="light" color={entry.group === 'pages' ? 'gray' : 'indigo'} style={{ flexShrink: 0 }}>
                    {t(`palette.${entry.group}`)}
                  </Badge>
                </Group>
              </UnstyledButton>
            ))}
          </Stack>
        </ScrollArea.Autosize>
        <Text size="xs" c="dimmed">
          {t('palette.hint')}
        </Text>
      </Stack>
    </Modal>
  );
}
