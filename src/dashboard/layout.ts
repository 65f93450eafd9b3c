/** The shell of every page: skip link, header with navigation, one <main>, our CSS and script only. */
import { html, type Html } from './html.js';

export interface PageShell {
  readonly title: string;
  /** Which navigation entry is current. */
  readonly nav: 'proposals' | 'fleet' | 'none';
  readonly body: Html;
  /** Shown when logged in with a token: a logout button (a POST, with the CSRF token). */
  readonly csrf?: string | null;
  readonly loggedIn?: boolean;
}

export function layout(page: PageShell): Html {
  const current = (name: PageShell['nav']) => (page.nav === name ? html` aria-current="page"` : '');
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${page.title} · patchproof</title>
<link rel="stylesheet" href="/assets/dashboard.css">
<script src="/assets/dashboard.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
<a class="brand" href="/">patchproof</a>
<nav aria-label="Main"><a href="/"${current('proposals')}>Proposals</a><a href="/fleet"${current('fleet')}>Fleet</a></nav>
${page.loggedIn === true && page.csrf ? html`<form method="post" action="/logout" class="logout"><input type="hidden" name="csrf" value="${page.csrf}"><button type="submit">Log out</button></form>` : ''}
</header>
<main id="main" tabindex="-1">
${page.body}
</main>
</body>
</html>`;
}
