/**
 * WCAG contrast of what a page shows, measured in the browser: for every element with its own
 * text among `selector`, its computed colour against the first opaque background behind it.
 * Returns the ones under `min` (4.5:1, WCAG AA for body text).
 */
import type { Page } from 'playwright-core';

export async function lowContrast(page: Page, selector: string, min = 4.5): Promise<string[]> {
  return page.evaluate(
    ({ selector, min }) => {
      const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
      const lum = ([r = 0, g = 0, b = 0]: number[]) => {
        const f = (v: number) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const background = (el: Element | null): number[] => {
        for (let e = el; e !== null; e = e.parentElement) {
          const c = rgb(getComputedStyle(e).backgroundColor);
          if (c.length === 3 || (c[3] ?? 0) > 0.5) return c.slice(0, 3);
        }
        return [255, 255, 255];
      };
      const low: string[] = [];
      for (const el of document.querySelectorAll(selector)) {
        const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
        // SVG <title>s are tooltips, not text on the page; hidden elements are not shown.
        if (!own || el.closest('svg') !== null || (el as HTMLElement).offsetParent === null) continue;
        const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(background(el))];
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        if (ratio < min) low.push(`${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} "${(el.textContent ?? '').trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
      }
      return low;
    },
    { selector, min },
  );
}
