/** The page `/` answers when the web UI has not been built (no web/dist/index.html). */

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function notBuiltPage(webDistDir: string | null): string {
  const where = webDistDir ? `<p>Looked for <code>${escapeHtml(webDistDir)}/index.html</code>.</p>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>evlab — web UI not built</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; color: #1f2933; }
  code, pre { background: #f0f4f8; border-radius: 4px; padding: 0.1rem 0.3rem; }
  pre { padding: 0.75rem 1rem; }
</style>
</head>
<body>
<h1>evlab is running</h1>
<p>The API is up, but the web UI has not been built yet.</p>
<p>Build it once, then reload this page:</p>
<pre>npm run build:web</pre>
${where}
<p>Meanwhile: <a href="/api/docs">API documentation</a> · <a href="/api/health">/api/health</a> · <a href="/api/openapi.json">OpenAPI description</a></p>
</body>
</html>
`;
}
