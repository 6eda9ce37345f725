const loopbackNames = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The base URL clients on this machine should use. Loopback names all reach the same router;
 * 127.0.0.1 is spelled out because some clients resolve `localhost` to ::1 first. A page opened
 * through another host (a tunnel) shows that host, since that is how it was reached.
 */
export function clientBaseUrl(location: Location = window.location): string {
  const port = location.port ? `:${location.port}` : '';
  const host = loopbackNames.has(location.hostname) ? '127.0.0.1' : location.hostname;
  return `${location.protocol}//${host}${port}/v1`;
}
