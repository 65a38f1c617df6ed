import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import i18next from 'i18next';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { initReactI18next } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { de } from '../../i18n/de';
import { meQuery } from '../auth/useAuth';
import { ScoreBreakdown } from './ScoreBreakdown';
import type { ScoreExplanation } from './useLeads';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

beforeAll(async () => {
  await i18next.use(initReactI18next).init({ resources: { de: { translation: de } }, lng: 'de', fallbackLng: 'de' });
});

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

/** Renders the breakdown of contact c1 from a given answer (no request: the answer is in the cache). */
const mount = (explanation: ScoreExplanation, timeZone: string): HTMLElement => {
  const qc = new QueryClient({ defaultOptions: { queries: { staleTime: Number.POSITIVE_INFINITY, retry: false } } });
  qc.setQueryData(['score', 'c1'], explanation);
  qc.setQueryData(meQuery.queryKey, { timeZone } as never);
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() =>
    root.render(
      <QueryClientProvider client={qc}>
        <MantineProvider>
          <ScoreBreakdown contactId="c1" shownScore={explanation.score} />
        </MantineProvider>
      </QueryClientProvider>,
    ),
  );
  cleanup = () => {
    act(() => root.unmount());
    host.remove();
    qc.clear();
  };
  return host;
};

describe('the score breakdown explains the stored score as of when it was computed', () => {
  it('shows the lines and "Stand" in the user\'s time zone', () => {
    const host = mount(
      {
        score: 30,
        threshold: 50,
        scoredAt: '2026-06-10T08:00:00.000Z',
        state: 'current',
        lines: [
          {
            kind: 'fit',
            ruleId: 'title',
            field: 'jobTitle',
            operator: 'contains',
            value: 'leiter',
            points: 10,
          },
          {
            kind: 'engagement',
            ruleId: 'form',
            touchpointType: 'form_submission',
            ageDays: 0,
            basePoints: 20,
            points: 20,
          },
        ],
      },
      'Europe/Berlin',
    );
    const text = host.textContent ?? '';
    expect(text).toContain('Score 30 · Schwelle 50');
    // 08:00 UTC is 10:00 in Berlin (summer time)
    expect(text).toContain('Stand: 10.06.2026, 10:00');
    expect(text).toContain('+20 Formular heute');
    expect(text).not.toContain('neu berechnet');
  });

  it('the same instant in New York is the early morning', () => {
    const host = mount(
      { score: 0, threshold: 50, scoredAt: '2026-06-10T08:00:00.000Z', state: 'current', lines: [] },
      'America/New_York',
    );
    expect(host.textContent).toContain('Stand: 10.06.2026, 04:00');
  });

  it('while the rules changed and the rescore has not run: says so, no lines, no "Stand"', () => {
    const host = mount(
      { score: 10, threshold: 30, scoredAt: '2026-06-10T08:00:00.000Z', state: 'updating', lines: [] },
      'Europe/Berlin',
    );
    const text = host.textContent ?? '';
    expect(text).toContain('Score 10 · Schwelle 30');
    expect(host.querySelector('[role="status"]')?.textContent).toBe(de.leads.scoreUpdating);
    expect(text).not.toContain('Stand:');
    expect(text).not.toContain(de.leads.noScoreLines);
  });
});
