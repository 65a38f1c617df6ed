import { figureTexts } from '@nenner/shared';

/** German names and one-line definitions of the figures several screens show (from packages/shared). */
export const deFigures = {
  figures: {
    ...figureTexts('de'),
    otherCurrencies: 'Außerdem im Zeitraum, je Währung: {{list}}',
    pipelineRevenue: 'Pipeline {{pipeline}}, Umsatz {{revenue}}',
  },
};
