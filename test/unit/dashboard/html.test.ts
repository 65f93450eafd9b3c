import { describe, expect, it } from 'vitest';
import { highlight } from '../../../src/dashboard/components/highlight.js';
import { html, raw } from '../../../src/dashboard/html.js';

describe('the html tag', () => {
  it('escapes every interpolation, in text and in attributes', () => {
    const title = `<img src=x onerror="alert('x')">&`;
    expect(html`<a title="${title}">${title}</a>`.text).toBe('<a title="&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;">&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;</a>');
  });

  it('keeps markup made by the tag or by raw, joins arrays, and renders null, undefined and false as nothing', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}${raw('<br>')}${['a', html`<i>b</i>`, 1]}${null}${undefined}${false}</p>`.text).toBe('<p><b>&lt;i&gt;</b><br>a<i>b</i>1</p>');
  });
});

describe('the highlighter', () => {
  it('marks keywords, strings, numbers and comments, escaping the rest', () => {
    expect(highlight('def f(x): return "a<b" + 42  # done', 'm.py').text).toBe(
      '<span class="tok-kw">def</span> f(x): <span class="tok-kw">return</span> <span class="tok-str">&quot;a&lt;b&quot;</span> + <span class="tok-num">42</span>  <span class="tok-com"># done</span>',
    );
  });

  it('takes the comment marker from the file: # is not a comment in JavaScript', () => {
    expect(highlight('x = a // b # c', 'a.js').text).toBe('x = a <span class="tok-com">// b # c</span>');
    expect(highlight('x = a // b # c', 'a.py').text).toBe('x = a // b <span class="tok-com"># c</span>');
  });
});
