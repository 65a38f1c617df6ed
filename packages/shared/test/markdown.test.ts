import { describe, expect, it } from 'vitest';
import { escapeHtml, renderMarkdown } from '../src/markdown.js';

describe('renderMarkdown', () => {
  it.each([
    ['**fett**', '<p><strong>fett</strong></p>'],
    ['Zeile 1\nZeile 2', '<p>Zeile 1<br>Zeile 2</p>'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['Hallo <b onmouseover="x()">du</b>', '<p>Hallo &lt;b onmouseover=&quot;x()&quot;&gt;du&lt;/b&gt;</p>'],
    ['[Klick](javascript:alert(1))', '<p>Klick</p>'],
    ['[Daten](data:text/html;base64,PHNjcmlwdD4=)', '<p>Daten</p>'],
    [
      '[Nenner](https://nenner.dev "Start")',
      '<p><a href="https://nenner.dev" title="Start" rel="noopener noreferrer nofollow" target="_blank">Nenner</a></p>',
    ],
    [
      '![Logo](https://tracker.example/pixel.png)',
      '<p><a href="https://tracker.example/pixel.png" rel="noopener noreferrer nofollow" target="_blank">Logo</a></p>',
    ],
    ['- a\n- b', '<ul>\n<li>a</li>\n<li>b</li>\n</ul>'],
  ])('%j', (source, html) => {
    expect(renderMarkdown(source).trim()).toBe(html);
  });

  it('never emits a tag it did not write itself', () => {
    const hostile = [
      '<img src=x onerror=alert(1)>',
      '<iframe src="https://evil"></iframe>',
      '<a href="javascript:x">y</a>',
    ];
    for (const source of hostile) {
      const html = renderMarkdown(source);
      expect(html).not.toMatch(/<(img|iframe|a)\b/);
    }
  });
});

describe('escapeHtml', () => {
  it.each([
    ['<a>', '&lt;a&gt;'],
    [`"'&`, '&quot;&#39;&amp;'],
    ['plain', 'plain'],
  ])('%j → %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});
