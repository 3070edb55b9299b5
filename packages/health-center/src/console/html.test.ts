import { describe, expect, it } from 'vitest';
import { linkedText } from './html.ts';

describe('linkedText', () => {
  it('makes web addresses into links and escapes everything else', () => {
    const text =
      'Number: 12345678 <b>\nOpen https://app.example.jp/#/register?number=12345678&x=1.';
    expect(linkedText(text).value).toBe(
      'Number: 12345678 &lt;b&gt;\nOpen ' +
        '<a href="https://app.example.jp/#/register?number=12345678&amp;x=1">' +
        'https://app.example.jp/#/register?number=12345678&amp;x=1</a>.',
    );
  });

  it('leaves text without addresses as escaped text, and no other scheme becomes a link', () => {
    expect(linkedText('javascript:alert(1) "q" ftp://x').value).toBe(
      'javascript:alert(1) &quot;q&quot; ftp://x',
    );
  });

  it('does not let an address break out of its attribute', () => {
    const out = linkedText('see http://a.example/"onmouseover=alert(1)').value;
    expect(out).toBe(
      'see <a href="http://a.example/">http://a.example/</a>&quot;onmouseover=alert(1)',
    );
  });
});
