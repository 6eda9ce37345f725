import { objectOf, type RequestPolicies } from './request-policies.js';

/** Client text and the global prompt joined in policy order, as one text. */
export function joinSystemText(client: string, policy: NonNullable<RequestPolicies['systemPrompt']>): string {
  if (client === '') return policy.prompt;
  return policy.mode === 'prepend' ? `${policy.prompt}\n\n${client}` : `${client}\n\n${policy.prompt}`;
}

/**
 * Puts a system message into a message list (OpenAI Chat, Ollama chat): `prepend` first of all,
 * `append` right after the system messages the conversation opens with (first when there are none).
 * The message takes the role of the client's own opening system message, so a client that writes
 * `developer` messages gets one too.
 */
export function insertSystemMessage(messages: unknown[], policy: NonNullable<RequestPolicies['systemPrompt']>, systemRoles: readonly string[]): void {
  let opening = 0;
  while (opening < messages.length && systemRoles.includes(roleOf(messages[opening]))) opening += 1;
  const role = opening > 0 ? roleOf(messages[0]) : 'system';
  messages.splice(policy.mode === 'prepend' ? 0 : opening, 0, { role, content: policy.prompt });
}

function roleOf(message: unknown): string {
  const role = objectOf(message)?.role;
  return typeof role === 'string' ? role : '';
}
