import { Button, Menu } from '@mantine/core';
import type { Endpoint } from '@nenner/shared';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { toQueryString } from '../../api/client';

type Filters = Record<string, string | number | boolean | undefined | null>;

/** The download link of a list export: the list's current filters, the format and the user's locale. */
export const exportHref = (e: Endpoint, filters: Filters, format: 'csv' | 'xlsx', locale: string): string => {
  const { limit: _limit, cursor: _cursor, ...rest } = filters;
  return `${e.path}${toQueryString({ ...rest, format, locale: locale.startsWith('en') ? 'en' : 'de' })}`;
};

/**
 * "Exportieren" on a list screen: CSV (in the user's locale, so Excel opens it on a double click) or
 * Excel, of exactly what the filters show. The browser downloads the file as the server streams it.
 */
export function ExportButton({ endpoint, filters }: { endpoint: Endpoint; filters: Filters }) {
  const { t, i18n } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />}>
          {t('exports.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component="a" href={exportHref(endpoint, filters, 'csv', i18n.language)} download>
          {t('exports.csv')}
        </Menu.Item>
        <Menu.Item component="a" href={exportHref(endpoint, filters, 'xlsx', i18n.language)} download>
          {t('exports.xlsx')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
