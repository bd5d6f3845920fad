/**
 * The codec server's one page: an operator or an auditor signs in with an API key, so that the
 * browser carries a session cookie to `/decode` when the Temporal UI asks. Self-contained (no
 * script, no external asset); every inserted value escaped.
 */
import type { Caller } from '../api/auth';
import { escapeHtml } from '../activities/mail/format';

export function loginPage({ caller, uiOrigins, endpoint }: { caller?: Caller; uiOrigins: string[]; endpoint: string }): string {
  const ui = uiOrigins.map((o) => `<a href="${escapeHtml(o)}">${escapeHtml(o)}</a>`).join(', ');
  const body = caller
    ? `<p>Session ouverte : <strong>${escapeHtml(caller.id)}</strong> (${escapeHtml(caller.role.type)}), pour huit heures.</p>
<p>Dans l’interface Temporal (${ui}), les données des parcours s’affichent déchiffrées. Si elles restent chiffrées :
menu <em>Codec Server</em> (en bas à gauche), point de terminaison <code>${escapeHtml(endpoint)}</code>,
cocher <em>Include cross-origin credentials</em>.</p>
<form method="post" action="deconnexion"><button type="submit">Fermer la session</button></form>`
    : `<p>Les données des parcours sont chiffrées dans Temporal. Pour les lire dans l’interface Temporal (${ui}),
ouvrez une session avec votre clé d’API d’opérateur ou d’auditeur. Chaque déchiffrement est journalisé à votre nom.</p>
<form method="post" action="session"><label>Clé d’API <input type="password" name="cle" autocomplete="off" required></label>
<button type="submit">Ouvrir une session</button></form>`;
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Parcours — serveur de codec</title></head>
<body><h1>Parcours — serveur de codec</h1>${body}</body></html>`;
}
