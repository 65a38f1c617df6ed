import { NumberInput, type NumberInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currencyDigits } from '../../i18n/format';
import { numberSeparators } from './fieldFormat';

export interface MoneyFieldProps extends NumberInputProps {
  /** ISO currency: decides the decimals (EUR 2, JPY 0) and is shown beside the amount. */
  currency: string;
  'data-testid'?: string;
}

/**
 * An amount in major units with the separators of the user's language: 1.234,56 in German, 1,234.56 in
 * English; the caller converts it to minor units exactly (toMinorUnits).
 */
export function MoneyField({ currency, ...props }: MoneyFieldProps) {
  const { i18n } = useTranslation();
  return (
    <NumberInput
      min={0}
      max={100_000_000_000}
      decimalScale={currencyDigits(currency)}
      {...numberSeparators(i18n.language)}
      rightSection={<span style={{ fontSize: 12, color: 'var(--mantine-color-dimmed)' }}>{currency}</span>}
      rightSectionWidth={44}
      {...props}
    />
  );
}
