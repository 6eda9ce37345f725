/**
 * The wire formats the router speaks: each client format is one of these, and each upstream family
 * speaks one natively. When a client's format equals its upstream's, the body passes through.
 */
export type WireFormat = 'openai-chat' | 'anthropic-messages' | 'openai-responses' | 'gemini' | 'ollama';
