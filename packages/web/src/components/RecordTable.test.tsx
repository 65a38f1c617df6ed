import i18next from 'i18next';
import { act } from 'react';
import { initReactI18next } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { de } from '../i18n/de';
import { FilterBar, SearchBox } from './ListControls';
import { type Column, RecordTable, type TableList } from './RecordTable';
import { mount, setWidth, unmount } from './testing';

beforeAll(async () => {
  await i18next.use(initReactI18next).init({ resources: { de: { translation: de } }, lng: 'de', fallbackLng: 'de' });
});

afterEach(unmount);

interface Person {
  id: string;
  name: string;
  city: string;
  score: number;
}

const people: Person[] = [
  { id: 'p1', name: 'Jürgen Müller', city: 'Köln', score: 55 },
  { id: 'p2', name: 'Nicole Groß', city: 'Mainz', score: 80 },
];
const list: TableList<Person> = { rows: people, isPending: false, isError: false, error: null };
const columns: Column<Person>[] = [
  { key: 'city', header: 'Ort', cell: (p) => p.city },
  { key: 'name', header: 'Name', sortField: 'name', primary: true, cell: (p) => p.name },
  { key: 'score', header: 'Score', sortField: 'score', cell: (p) => String(p.score) },
  { key: 'secret', header: 'Intern', inCard: false, cell: () => 'nur in der Tabelle' },
  { key: 'action', header: null, cell: (p) => <button type="button">{`Löschen ${p.id}`}</button> },
];

const table = (props: Partial<Parameters<typeof RecordTable<Person>>[0]> = {}) => (
  <RecordTable
    list={list}
    columns={columns}
    rowKey={(p) => p.id}
    empty="leer"
    testId="people"
    sort="name"
    onSort={() => undefined}
    {...props}
  />
);

describe('RecordTable on a phone (390 px)', () => {
  it('shows each row as a card: the primary column as title, the others as label and value', () => {
    setWidth(390);
    const host = mount(table());
    expect(host.querySelector('table')).toBeNull();
    const cards = host.querySelectorAll('[data-testid="people"] > li');
    expect(cards).toHaveLength(2);
    const first = cards[0] as HTMLElement;
    expect(first.querySelector('.nenner-card-title')?.textContent).toBe('Jürgen Müller');
    const pairs = Array.from(first.querySelectorAll('dl > div')).map((d) => [
      d.querySelector('dt')?.textContent ?? null,
      d.querySelector('dd')?.textContent,
    ]);
    // the title is not repeated, "Intern" opted out; the action column has no label and follows the pairs
    expect(pairs).toEqual([
      ['Ort', 'Köln'],
      ['Score', '55'],
    ]);
    expect(first.querySelector('[data-testid="card-actions"]')?.textContent).toBe('Löschen p1');
  });

  it('offers the sortable columns in a sort select, both ways, and hands the choice on', () => {
    setWidth(390);
    const chosen: string[] = [];
    const host = mount(table({ sort: '-score', onSort: (s) => chosen.push(s) }));
    const select = host.querySelector<HTMLInputElement>('[data-testid="card-sort"]');
    expect(select?.value).toBe('Score absteigend');
    act(() => select?.click());
    const options = Array.from(document.querySelectorAll('[role="option"]')).map((o) => o.textContent);
    expect(options).toEqual(['Name aufsteigend', 'Name absteigend', 'Score aufsteigend', 'Score absteigend']);
    act(() => (document.querySelectorAll('[role="option"]')[0] as HTMLElement).click());
    expect(chosen).toEqual(['name']);
  });

  it('names an order that no column offers, and shows no select without sorting', () => {
    setWidth(390);
    let host = mount(table({ sort: '-updatedAt' }));
    expect(host.querySelector<HTMLInputElement>('[data-testid="card-sort"]')?.value).toBe('Wie vorgegeben');
    unmount();
    host = mount(table({ sort: undefined, onSort: undefined }));
    expect(host.querySelector('[data-testid="card-sort"]')).toBeNull();
  });

  it('opens a card like a row: by click and by Enter, named for screen readers', () => {
    setWidth(390);
    const opened: string[] = [];
    const host = mount(
      table({
        onOpen: (p) => opened.push(p.id),
        openLabel: (p) => `${p.name} öffnen`,
        rowProps: (p) => ({ 'data-person': p.id }),
      }),
    );
    const card = host.querySelector<HTMLElement>('[data-person="p2"]');
    expect(card?.tagName).toBe('LI');
    expect(card?.getAttribute('aria-label')).toBe('Nicole Groß öffnen');
    expect(card?.tabIndex).toBe(0);
    act(() => {
      card?.click();
    });
    act(() => {
      card?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    expect(opened).toEqual(['p2', 'p2']);
  });

  it('shows a card-only column in the card and not in the table', () => {
    const withFull: Column<Person>[] = [
      { key: 'full', header: 'Voller Name', primary: true, inTable: false, cell: (p) => `Frau/Herr ${p.name}` },
      ...columns,
    ];
    setWidth(390);
    let host = mount(table({ columns: withFull }));
    expect(host.querySelector('.nenner-card-title')?.textContent).toBe('Frau/Herr Jürgen Müller');
    unmount();
    setWidth(1440);
    host = mount(table({ columns: withFull }));
    expect(Array.from(host.querySelectorAll('th')).map((th) => th.textContent)).toEqual([
      'Ort',
      'Name',
      'Score',
      'Intern',
      '',
    ]);
  });
});

describe('RecordTable on a laptop (1440 px)', () => {
  it('stays a table with sortable headers', () => {
    setWidth(1440);
    const host = mount(table());
    expect(host.querySelector('[data-layout="cards"]')).toBeNull();
    expect(host.querySelectorAll('table[data-testid="people"] tbody tr')).toHaveLength(2);
    expect(host.querySelector('[data-testid="card-sort"]')).toBeNull();
  });

  it('shows cards anyway when the screen asks for them', () => {
    setWidth(1440);
    const host = mount(table({ layout: 'cards' }));
    expect(host.querySelectorAll('[data-layout="cards"] > li')).toHaveLength(2);
  });
});

describe('FilterBar', () => {
  const bar = (count?: number) => (
    <FilterBar active={count !== 0} count={count} onClear={() => undefined}>
      <SearchBox value="" onChange={() => undefined} placeholder="Suchen" />
      <label>
        Status
        <input data-testid="status-filter" />
      </label>
    </FilterBar>
  );

  it('on a phone keeps the search in view and folds the other filters behind a button with their count', async () => {
    setWidth(390);
    const host = mount(bar(2));
    expect(host.querySelector('input[type="search"]')).not.toBeNull();
    const toggle = host.querySelector<HTMLButtonElement>('[data-testid="filter-toggle"]');
    expect(toggle?.getAttribute('aria-label')).toBe('Filter, 2 aktiv');
    expect(toggle?.getAttribute('aria-expanded')).toBe('false');
    expect(toggle?.textContent).toContain('2');
    const fold = () => host.querySelector<HTMLElement>('[data-testid="status-filter"]');
    // folded: not rendered or hidden
    expect(fold() === null || fold()?.closest('[hidden], [style*="display: none"]') !== null).toBe(true);
    act(() => toggle?.click());
    // the fold opens with a short transition
    await act(() => new Promise((done) => setTimeout(done, 400)));
    expect(toggle?.getAttribute('aria-expanded')).toBe('true');
    expect(fold()).not.toBeNull();
    expect(fold()?.closest('[hidden], [style*="display: none"]')).toBeNull();
  });

  it('on a phone says only "Filter" when none is set', () => {
    setWidth(390);
    const host = mount(bar(0));
    const toggle = host.querySelector<HTMLButtonElement>('[data-testid="filter-toggle"]');
    expect(toggle?.getAttribute('aria-label')).toBe('Filter');
  });

  it('on a laptop shows every filter in one row, without the button', () => {
    setWidth(1440);
    const host = mount(bar(1));
    expect(host.querySelector('[data-testid="filter-toggle"]')).toBeNull();
    expect(host.querySelector('[data-testid="status-filter"]')).not.toBeNull();
  });
});
