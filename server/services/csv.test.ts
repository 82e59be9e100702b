import { describe, expect, it } from 'vitest';
import { csvCell } from './csv';

describe('csvCell', () => {
  it.each([
    ['=1+1', `"'=1+1"`],
    ['+1', `"'+1"`],
    ['-1', `"'-1"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\t=1', `"'\t=1"`],
    ['\tplain', `"'\tplain"`],
    ['\r=1', `"'\r=1"`],
    [' =HYPERLINK("http://x")', `"' =HYPERLINK(""http://x"")"`],
    ['\n=1', `"'\n=1"`],
    ['\u0000=1', `"'\u0000=1"`],
    ['\ufeff=1', `"'\ufeff=1"`],
    ['\u00a0=1', `"'\u00a0=1"`],
    ['\u200b+1', `"'\u200b+1"`],
    [' \r\n\t @x', `"' \r\n\t @x"`],
    ['＝1+1', `"'＝1+1"`],
    ['plain text', '"plain text"'],
    ['a=b', '"a=b"'],
    [' leading space', '" leading space"'],
    ['', '""'],
    ['say "hi"', '"say ""hi"""'],
    ['5.1.1', '"5.1.1"'],
  ])('should write %j as %s', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it.each([
    [0, '"0"'],
    [42, '"42"'],
  ])('should write the number %s as it is', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});
