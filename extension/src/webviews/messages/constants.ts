/** Constants both sides need at runtime. No imports: webview bundles include this file without zod. */

/** How many CPU points the dashboard's sparkline keeps. */
export const SPARKLINE_POINTS = 60;
