import { Alert, type MantineSpacing, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../notify';

interface Props {
  /** A form's `problem`: its own failed check or the request's error. */
  problem: unknown;
  /** A red alert box (above the fields) instead of a line of red text (under them). */
  alert?: boolean;
  mt?: MantineSpacing;
}

/** Explains what went wrong with a form in one translated sentence, or shows nothing. */
export function FormProblem({ problem, alert = false, mt }: Props) {
  const { t } = useTranslation();
  if (!problem) return null;
  return alert ? (
    <Alert color="red" role="alert">
      {errorMessage(t, problem)}
    </Alert>
  ) : (
    <Text c="red" size="sm" role="alert" mt={mt}>
      {errorMessage(t, problem)}
    </Text>
  );
}
