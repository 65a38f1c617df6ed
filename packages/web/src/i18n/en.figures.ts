import { figureTexts } from '@nenner/shared';

/** English names and one-line definitions of the figures several screens show (from packages/shared). */
export const enFigures = {
  figures: {
    ...figureTexts('en'),
    otherCurrencies: 'Also in the period, per currency: {{list}}',
    pipelineRevenue: 'pipeline {{pipeline}}, revenue {{revenue}}',
  },
};
