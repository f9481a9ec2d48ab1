/**
 * The Content-Security-Policy evlab's pages run under (built web UI, API docs). Scripts only from this
 * origin (no inline script, no eval); styles from this origin plus inline style attributes and the <style>
 * elements Observable Plot writes into its SVGs ('unsafe-inline' for styles only); images also as data: and
 * blob: URLs (PNG/SVG export previews); no plugins, no framing (clickjacking), forms and base URL to self.
 * Directive names as in CSP Level 3 (W3C), written the way @fastify/helmet expects them.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
};
