/** A fetch for SDKs whose results hide response headers: it keeps the last response's headers. */
export function recordingFetch(): { fetch: typeof fetch; last: () => Headers } {
  let lastHeaders = new Headers();
  return {
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      lastHeaders = response.headers;
      return response;
    },
    last: () => lastHeaders,
  };
}
