/** Where the page finds its parts, relative to /docs so the routes work under any prefix. */
export const DOCS_FILES = { openapi: "openapi.json", asyncapi: "asyncapi.json", renderer: "docs/scalar.js" } as const;

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] as string);

/**
 * The API reference page: both documents in Scalar, served by this process, so it works offline. Scalar's
 * own uses of the network are off: its web fonts, telemetry, AI agent, MCP and hosted developer tools.
 */
export function docsPage(title: string): string {
  const config = {
    sources: [
      { title: "HTTP API", slug: "api", url: DOCS_FILES.openapi },
      { title: "Events", slug: "events", url: DOCS_FILES.asyncapi },
    ],
    withDefaultFonts: false,
    telemetry: false,
    agent: { disabled: true },
    mcp: { disabled: true },
    showDeveloperTools: "never",
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
</head>
<body>
<div id="app"></div>
<script src="${DOCS_FILES.renderer}"></script>
<script>
if (window.Scalar) window.Scalar.createApiReference("#app", ${JSON.stringify(config)});
else document.getElementById("app").innerHTML = 'The API reference renderer is not installed here. The descriptions: <a href="${DOCS_FILES.openapi}">${DOCS_FILES.openapi}</a>, <a href="${DOCS_FILES.asyncapi}">${DOCS_FILES.asyncapi}</a>.';
</script>
</body>
</html>
`;
}
