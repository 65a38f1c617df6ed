import { describe, expect, it } from 'vitest';
import { feedbackThemes, termsOf } from '../src/modules/projects/themes.js';

/* The themes of pilot feedback, by hand: words and two-word phrases found in at least two entries. */

describe('termsOf', () => {
  it.each([
    ['Die Preisliste ist zu lang.', ['lang', 'preisliste']],
    ['The onboarding was slow', ['onboarding', 'slow']],
    // a comma ends a phrase: no "lieferung schnelle"
    [
      'Schnelle Lieferung, schnelle Antwort',
      ['antwort', 'lieferung', 'schnelle', 'schnelle antwort', 'schnelle lieferung'],
    ],
    ['Version 2 in Q3 2027', ['version']],
    ['', []],
  ])('%s → %o', (text, terms) => {
    expect([...termsOf(text)].sort()).toEqual(terms);
  });
});

describe('feedbackThemes', () => {
  it('counts entries, not occurrences, and needs two of them', () => {
    expect(feedbackThemes(['Support Support Support', 'Preis ok'])).toEqual([]);
    expect(feedbackThemes(['Support langsam', 'support!', 'Preis'])).toEqual([{ term: 'support', count: 2 }]);
  });

  it('a phrase found as often as its word stands for it; a word found more often stays', () => {
    expect(
      feedbackThemes(['Die Preisliste ist zu lang', 'Landingpage klar', 'Preisliste unklar, Landingpage klar']),
    ).toEqual([
      // "landingpage" and "klar" only ever come as "landingpage klar"; "preisliste" is in two entries too
      { term: 'landingpage klar', count: 2 },
      { term: 'preisliste', count: 2 },
    ]);
    expect(feedbackThemes(['Landingpage klar', 'Landingpage klar', 'Landingpage hübsch'])).toEqual([
      { term: 'landingpage', count: 3 },
      { term: 'landingpage klar', count: 2 },
    ]);
  });

  it('keeps at most `max`, most entries first, then alphabetically', () => {
    const texts = ['alpha beta gamma', 'alpha beta gamma', 'gamma delta'];
    expect(feedbackThemes(texts, 2)).toEqual([
      { term: 'gamma', count: 3 },
      { term: 'alpha beta', count: 2 },
    ]);
  });
});
