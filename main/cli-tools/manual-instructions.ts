import { openAiBaseUrl } from './edits/route-values.js';
import type { RouteTarget } from './tool-definition.js';

/**
 * Cline, Roo Code and Kilo Code keep their provider settings in VS Code's extension state and
 * secret storage (a database, not a file we can edit safely): the user enters these values in the
 * extension's settings screen once.
 */
export function openAiCompatibleInstructions(extension: string): (target: RouteTarget) => string {
  return (target) =>
    [
      `In ${extension}'s settings, choose the API provider "OpenAI Compatible" and enter:`,
      `Base URL: ${openAiBaseUrl(target)}`,
      `API Key: ${target.apiKey}`,
      `Model ID: ${target.model ?? '<a model the router serves, e.g. provider/model>'}`,
    ].join('\n');
}

/** Continue's config.yaml `models` entry (YAML lists are edited by hand: we do not rewrite the file). */
export function continueInstructions(target: RouteTarget): string {
  const model = target.model ?? '<provider/model>';
  return [
    'Add this entry under `models:` in ~/.continue/config.yaml:',
    `  - name: ${JSON.stringify(`${model} (OmniRoute)`)}`,
    '    provider: openai',
    `    model: ${JSON.stringify(model)}`,
    `    apiBase: ${JSON.stringify(openAiBaseUrl(target))}`,
    `    apiKey: ${JSON.stringify(target.apiKey)}`,
  ].join('\n');
}

export function ampInstructions(): string {
  return 'Amp sends its model requests to its own service (ampcode.com) and has no setting for a custom model endpoint, so it cannot be pointed at the router.';
}
