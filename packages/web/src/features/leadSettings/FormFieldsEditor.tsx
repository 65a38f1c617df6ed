import { Checkbox, Table, Text } from '@mantine/core';
import { formFieldKeys } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import type { FieldKey, FormDraft } from './formDraft';

type Fields = FormDraft['fields'];

/** Which contact fields a form asks for, and which of them it requires (e-mail always). */
export function FormFieldsEditor({
  fields,
  onChange,
  error,
}: {
  fields: Fields;
  onChange: (k: FieldKey, patch: Partial<Fields[FieldKey]>) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
      <Text component="legend" size="sm" fw={500} mb={4}>
        {t('forms.fields')}
      </Text>
      <Table withRowBorders={false} verticalSpacing={2}>
        <Table.Tbody>
          {formFieldKeys.map((k) => (
            <Table.Tr key={k}>
              <Table.Td>
                <Checkbox
                  label={t(`forms.field.${k}`)}
                  checked={fields[k].on}
                  disabled={k === 'email'}
                  onChange={(e) =>
                    onChange(k, {
                      on: e.currentTarget.checked,
                      required: e.currentTarget.checked && fields[k].required,
                    })
                  }
                />
              </Table.Td>
              <Table.Td>
                <Checkbox
                  label={t('forms.required')}
                  aria-label={`${t('forms.required')}: ${t(`forms.field.${k}`)}`}
                  checked={fields[k].required}
                  disabled={k === 'email' || !fields[k].on}
                  onChange={(e) => onChange(k, { required: e.currentTarget.checked })}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {error && (
        <Text c="red" size="xs">
          {error}
        </Text>
      )}
    </fieldset>
  );
}
