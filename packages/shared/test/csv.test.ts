import { describe, expect, it } from 'vitest';
import { type CsvCell, toCsv } from '../src/csv.js';

describe('toCsv: one cell', () => {
  it.each<[string, CsvCell, string]>([
    ['plain text', 'Webinar', 'Webinar\r\n'],
    ['umlauts and ß as they are', 'Müller Straße Ärger', 'Müller Straße Ärger\r\n'],
    ['empty text', '', '\r\n'],
    ['null is empty', null, '\r\n'],
    ['undefined is empty', undefined, '\r\n'],
    ['an integer', 42, '42\r\n'],
    ['a decimal with a dot', 0.3333, '0.3333\r\n'],
    ['a negative number is no formula', -3, '-3\r\n'],
    ['zero', 0, '0\r\n'],
    // formula escaping: a leading ' keeps a spreadsheet from running the cell
    ['=', '=SUM(A1:A9)', "'=SUM(A1:A9)\r\n"],
    ['+', '+49 30 1234', "'+49 30 1234\r\n"],
    ['- in text', '-12.50', "'-12.50\r\n"],
    ['@', '@SUM(A1)', "'@SUM(A1)\r\n"],
    ['tab', '\t=1+1', "'\t=1+1\r\n"],
    ['CR (quoted as a line break; the line after it escaped too)', '\r=1+1', `"'\r'=1+1"\r\n`],
    // issue 15: a bare CR inside a cell starts a row for some readers: the line after it is escaped too
    ['a bare CR before a formula', 'cr\r=1+1', `"cr\r'=1+1"\r\n`],
    ['a bare CR before +, -, @, tab', 'a\r+1\r-2\r@3\r\t4', `"a\r'+1\r'-2\r'@3\r'\t4"\r\n`],
    ['CRLF before a formula stays (one quoted line break)', 'a\r\n=1', '"a\r\n=1"\r\n'],
    ['= later in the text is harmless', 'a=b', 'a=b\r\n'],
    // quoting
    ['a comma', 'Müller, Meier & Co', '"Müller, Meier & Co"\r\n'],
    ['a semicolon', 'a;b', '"a;b"\r\n'],
    ['a quote', 'Sag "Hallo"', '"Sag ""Hallo"""\r\n'],
    ['a line feed', 'zwei\nZeilen', '"zwei\nZeilen"\r\n'],
    ['a CR inside', 'zwei\rZeilen', '"zwei\rZeilen"\r\n'],
    ['escaped and quoted', '=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"\r\n`],
  ])('%s', (_, value, expected) => {
    expect(toCsv([[value]])).toBe(expected);
  });
});

describe('toCsv: rows', () => {
  it('separates cells with commas and ends every row with CRLF', () => {
    expect(
      toCsv(
        [
          ['Messe Hannover', 'EUR', '500.00'],
          ['Ölmühle; Süd', null, 0],
        ],
        ['name', 'currency', 'credit'],
      ),
    ).toBe('name,currency,credit\r\nMesse Hannover,EUR,500.00\r\n"Ölmühle; Süd",,0\r\n');
  });

  it('escapes the header like any row', () => {
    expect(toCsv([['1']], ['=Name'])).toBe("'=Name\r\n1\r\n");
  });

  it('keeps empty cells at the end of a row', () => {
    expect(toCsv([['a', null, null]])).toBe('a,,\r\n');
  });

  it('writes nothing for no rows and no header', () => {
    expect(toCsv([])).toBe('');
  });

  it('writes only the header when there are no rows', () => {
    expect(toCsv([], ['a', 'b'])).toBe('a,b\r\n');
  });
});
