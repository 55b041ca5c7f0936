import { randomBytes } from 'node:crypto';

/** Where a screen's files are, as URIs the webview may load (from `asWebviewUri`). */
export interface WebviewResources {
  script: string;
  style: string;
  codicons: string;
}

export interface WebviewPage {
  /** The screen's name, also its bundle's name (`dashboard` → dist/webviews/dashboard.js). */
  screen: string;
  title: string;
  /** `webview.cspSource`: the origin the webview's own resources come from. */
  cspSource: string;
  nonce: string;
  resources: WebviewResources;
}

/** A fresh nonce per page load, so an injected script cannot guess it. */
export function createNonce(): string {
  return randomBytes(18).toString('base64');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** The strict policy: nothing by default; only our nonce'd script, our styles and fonts, no remote origin. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

/**
 * The HTML of every screen. The panel (through `asWebviewUri`) and the browser tests use the same
 * function, so the tests exercise the real CSP. The codicon stylesheet keeps the id
 * `vscode-codicon-stylesheet`: `<vscode-icon>` looks it up to load the font inside its shadow root.
 */
export function renderWebviewHtml(page: WebviewPage): string {
  const a = (value: string): string => escapeAttribute(value);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${a(contentSecurityPolicy(page.cspSource, page.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" id="vscode-codicon-stylesheet" href="${a(page.resources.codicons)}" nonce="${a(page.nonce)}">
<link rel="stylesheet" href="${a(page.resources.style)}" nonce="${a(page.nonce)}">
<title>${a(page.title)}</title>
</head>
<body data-screen="${a(page.screen)}">
<main id="root"></main>
<script nonce="${a(page.nonce)}" src="${a(page.resources.script)}"></script>
</body>
</html>
`;
}
