import { afterEach, describe, expect, it } from 'vitest';
import { type ReportColumn, ReportTable } from './ReportTable';
import { mount, setWidth, unmount } from './testing';

afterEach(unmount);

interface Row {
  id: string;
  handoffs: number;
  rate: string;
}

const rows: Row[] = [
  { id: 'Jonas Keller', handoffs: 4, rate: '100 %' },
  { id: 'Petra Huber', handoffs: 2, rate: '50 %' },
];
const columns: ReportColumn<Row>[] = [
  { key: 'name', header: 'Gruppe', cell: (r) => r.id },
  { key: 'handoffs', header: 'Übergaben', align: 'right', cell: (r) => String(r.handoffs) },
  {
    key: 'rate',
    header: <b>In der Frist</b>,
    cardLabel: 'In der Frist',
    align: 'right',
    cell: (r) => r.rate,
    cellPropsOf: (r) => ({ 'data-testid': `rate-${r.handoffs}` }),
  },
];
const table = () => (
  <ReportTable
    columns={columns}
    rows={rows}
    footer={[{ id: 'Summe', handoffs: 6, rate: '83 %' }]}
    rowKey={(r) => r.id}
    rowProps={(r) => ({ 'data-testid': `row-${r.handoffs}` })}
    rowHeaders
    testId="figures"
    minWidth={760}
  />
);

describe('ReportTable', () => {
  it('is a table from the sm breakpoint up: headers, row headers, the footer, the cells’ props', () => {
    setWidth(1440);
    const host = mount(table());
    expect(host.querySelector('[data-layout="cards"]')).toBeNull();
    expect(Array.from(host.querySelectorAll('thead th')).map((th) => th.textContent)).toEqual([
      'Gruppe',
      'Übergaben',
      'In der Frist',
    ]);
    expect(host.querySelectorAll('table[data-testid="figures"] tbody tr')).toHaveLength(2);
    expect(host.querySelector('tbody tr[data-testid="row-4"] th[scope="row"]')?.textContent).toBe('Jonas Keller');
    expect(host.querySelector('tfoot tr[data-testid="row-6"]')?.textContent).toContain('Summe');
    expect(host.querySelector('td[data-testid="rate-2"]')?.textContent).toBe('50 %');
  });

  it('on a phone is a list of cards: the first column as title, the others as labelled pairs', () => {
    setWidth(390);
    const host = mount(table());
    expect(host.querySelector('table')).toBeNull();
    const cards = host.querySelectorAll('ul[data-layout="cards"][data-testid="figures"] > li');
    expect(cards).toHaveLength(3);
    const first = cards[0] as HTMLElement;
    expect(first.getAttribute('data-testid')).toBe('row-4');
    expect(first.querySelector('.nenner-card-title')?.textContent).toBe('Jonas Keller');
    expect(Array.from(first.querySelectorAll('dt')).map((dt) => dt.textContent)).toEqual(['Übergaben', 'In der Frist']);
    expect(Array.from(first.querySelectorAll('dd')).map((dd) => dd.textContent)).toEqual(['4', '100 %']);
    expect(cards[2]?.querySelector('.nenner-card-title')?.textContent).toBe('Summe');
  });
});
