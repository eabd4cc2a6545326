// Horizontal bars in SVG, drawn by the console: a few dozen lines are smaller than any charting
// library, and the same figures stand beside each chart in a table for those who do not see it.
import { html } from './view.js';

const ROW = 28;
const LABEL_WIDTH = 150;
const BAR_WIDTH = 150;

/**
 * One bar per `{ label, value, text }` (a missing value draws no bar), scaled to the largest value
 * or to `max`. The chart is one image whose accessible name reads every bar's label and text.
 */
export function BarChart({ title, bars, max }) {
  const scale = max ?? Math.max(0, ...bars.map((bar) => bar.value ?? 0));
  const length = (value) => (scale > 0 && value ? (value / scale) * BAR_WIDTH : 0);
  return html`<svg
    class="bar-chart"
    viewBox=${`0 0 ${LABEL_WIDTH + BAR_WIDTH + 70} ${bars.length * ROW}`}
    role="img"
    aria-label=${`${title}: ${bars.map((bar) => `${bar.label} ${bar.text}`).join(', ')}`}
  >
    ${bars.map(
      (bar, index) =>
        html`<text x="0" y=${index * ROW + 19}>${bar.label}</text>
          <rect class="bar" x=${LABEL_WIDTH} y=${index * ROW + 6} width=${length(bar.value)} height="16" />
          <text x=${LABEL_WIDTH + length(bar.value) + 6} y=${index * ROW + 19}>${bar.text}</text>`,
    )}
  </svg>`;
}
