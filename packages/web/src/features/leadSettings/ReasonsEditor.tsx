import { Paper } from '@mantine/core';
import type { RejectReasons } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import { EditableRows } from '../../components/EditableRows';
import { switchField, textField } from '../../components/rowFields';
import { SettingForm } from './SettingForm';

type Reason = RejectReasons['reasons'][number];

/** The reasons sales may give when it returns a lead, in both languages; reasons are switched off, not deleted. */
export function RejectReasonsEditor() {
  const { t } = useTranslation();
  return (
    <SettingForm<RejectReasons> path="reject-reasons" action="settings.admin" intro={t('reasons.intro')}>
      {(s, set) => (
        <Paper withBorder p="md">
          <EditableRows<Reason>
            rows={s.reasons}
            onChange={(reasons) => set({ reasons })}
            // keys are edited in place, so the position is the row's identity
            rowKey={(_, i) => i}
            newRow={() => ({ key: `reason_${s.reasons.length + 1}`, de: '', en: '', active: true })}
            addLabel={t('reasons.add')}
            withHeader
            removable={false}
            fields={[
              textField<Reason>('key', t('reasons.key'), { normalize: (v) => v.toLowerCase() }),
              textField<Reason>('de', t('reasons.de')),
              textField<Reason>('en', t('reasons.en')),
              switchField<Reason>('active', t('settings.active')),
            ]}
          />
        </Paper>
      )}
    </SettingForm>
  );
}
