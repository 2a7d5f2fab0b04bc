import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.js';

function check(input: string, expected: string): void {
  expect(renderMarkdown(input)).toBe(expected);
}

describe('renderMarkdown', () => {
  const cases: Array<[string, string, string]> = [
    ['plain paragraph', 'Likes climbing.', '<p>Likes climbing.</p>'],
    ['line break inside a paragraph', 'one\ntwo', '<p>one<br>two</p>'],
    ['two paragraphs', 'one\n\ntwo', '<p>one</p>\n<p>two</p>'],
    ['bold and italics', 'Met at the **Rust** meetup, *twice*', '<p>Met at the <strong>Rust</strong> meetup, <em>twice</em></p>'],
    ['underscore italics', 'a _b_ c', '<p>a <em>b</em> c</p>'],
    ['snake_case stays', 'call my_func_name', '<p>call my_func_name</p>'],
    ['code span keeps its content literal', 'use `**x** <b>`', '<p>use <code>**x** &lt;b&gt;</code></p>'],
    [
      'https link',
      '[blog](https://anna.dev/a?b=1&c=2)',
      '<p><a href="https://anna.dev/a?b=1&amp;c=2" rel="nofollow noopener noreferrer">blog</a></p>',
    ],
    ['mailto link', '[mail](mailto:a@b.c)', '<p><a href="mailto:a@b.c" rel="nofollow noopener noreferrer">mail</a></p>'],
    ['javascript link loses its target', '[x](javascript:alert(1))', '<p>x)</p>'],
    ['data link loses its target', '[x](data:text/html,hi)', '<p>x</p>'],
    ['list', '- one\n- two', '<ul><li>one</li><li>two</li></ul>'],
    ['ordered list', '1. one\n2. two', '<ol><li>one</li><li>two</li></ol>'],
    ['heading', '# Title', '<h3>Title</h3>'],
    ['quote', '> said this\n> and that', '<blockquote><p>said this<br>and that</p></blockquote>'],
    ['fenced code', '```\n<script>\n```', '<pre><code>&lt;script&gt;</code></pre>'],
    ['script tag is escaped', '<script>alert(1)</script>', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'],
    ['event handler is escaped', '<img src=x onerror=alert(1)>', '<p>&lt;img src=x onerror=alert(1)&gt;</p>'],
    ['quote breaking out of href is escaped', '[x](https://a.b/"onmouseover="alert(1))', '<p>x)</p>'],
    ['empty', '', ''],
    ['CRLF', 'a\r\nb', '<p>a<br>b</p>'],
  ];
  for (const [name, input, expected] of cases) it(name, () => check(input, expected));
});
