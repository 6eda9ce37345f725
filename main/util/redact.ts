/**
 * Last line of defence for logs: masks anything shaped like a credential. Code should never pass
 * a secret to the logger in the first place; this catches upstream error messages that echo a key
 * back ("Incorrect API key provided: sk-abc...").
 */
const credentialPatterns: RegExp[] = [
  /\b(sk|pk|rk|gsk|xai|omr)[-_][A-Za-z0-9_-]{8,}/g,
  /\bsk-ant-[A-Za-z0-9_-]{8,}/g,
  /\bAIza[0-9A-Za-z_-]{20,}/g,
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /\b(api[_-]?key|token|secret|password)(["']?\s*[:=]\s*["']?)[^\s"',}]{6,}/gi,
];

export function redactSecrets(text: string): string {
  let result = text;
  for (const pattern of credentialPatterns) {
    result = result.replace(pattern, (match, _prefix: string, separator?: string) => {
      if (typeof separator === 'string' && /[:=]/.test(separator)) {
        return match.slice(0, match.indexOf(separator) + separator.length) + '[redacted]';
      }
      return match.slice(0, Math.min(4, match.length)) + '…[redacted]';
    });
  }
  return result;
}
