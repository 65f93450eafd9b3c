/** `/login`: a form that takes an API token; a wrong one is said so, the token field emptied. */
import { html, type Html } from '../html.js';

export function loginPage(next: string, error: string | null): Html {
  return html`<h1>Log in</h1>
<form method="post" action="/login" class="login">
${error === null ? '' : html`<p class="error" role="alert" id="login-error">${error}</p>`}
<input type="hidden" name="next" value="${next}">
<label for="token">API token <span class="muted">(one of PATCHPROOF_API_TOKENS)</span></label>
<input id="token" name="token" type="password" autocomplete="current-password" required${error === null ? '' : html` aria-describedby="login-error" aria-invalid="true"`} autofocus>
<button type="submit" class="primary">Log in</button>
</form>`;
}
