import { svg, type TemplateResult } from 'lit';

const WIDTH = 120;
const HEIGHT = 24;

/**
 * A tiny inline SVG line of recent values (0–100), oldest first. No chart library: a polyline is all a
 * sparkline needs, and it inherits the theme's colour through `currentColor`.
 */
export function sparkline(values: readonly number[], label: string): TemplateResult {
  const points = values.length === 1 ? [values[0]!, values[0]!] : values;
  const step = points.length > 1 ? WIDTH / (points.length - 1) : 0;
  const coords = points
    .map(
      (v, i) =>
        `${(i * step).toFixed(1)},${(HEIGHT - (Math.max(0, Math.min(100, v)) / 100) * HEIGHT).toFixed(1)}`,
    )
    .join(' ');
  return svg`<svg class="sparkline" viewBox="0 0 ${WIDTH} ${HEIGHT}" width=${WIDTH} height=${HEIGHT}
    role="img" aria-label=${label} preserveAspectRatio="none">
    ${points.length > 0 ? svg`<polyline points=${coords} fill="none" stroke="currentColor" stroke-width="1.5" />` : null}
  </svg>`;
}
