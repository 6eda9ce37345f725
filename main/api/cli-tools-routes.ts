import { Router, type Request } from 'express';
import { z } from '../../shared/zod.js';
import type { CliToolApplyResultDto, CliToolRestoreResultDto } from '../../shared/cli-tools-types.js';
import type { ApplyInput } from '../cli-tools/cli-tools.js';
import type { CliToolDefinition } from '../cli-tools/tool-definition.js';
import { findCliTool } from '../cli-tools/tools.js';
import { GatewayError, invalidRequest } from '../errors/gateway-error.js';
import { validateBody } from '../formats/decode-json.js';
import { previewApiKey } from '../gateway/api-keys.js';
import type { RouterContext } from '../server/router-context.js';
import { createApiKey } from './create-api-key.js';

const modelName = z.string().check(z.trim(), z.minLength(1), z.maxLength(256));

const settingsActionSchema = z.strictObject({
  action: z.enum(['apply', 'restore']),
  /** One of the router's client API keys; omitted, apply creates one for this tool. */
  apiKey: z.optional(z.string().check(z.trim(), z.minLength(8), z.maxLength(512))),
  model: z.optional(modelName),
  /** Per-role models (Claude Code: opus, sonnet, haiku, subagent). */
  modelMap: z.optional(z.record(z.string().check(z.regex(/^[a-z][a-z0-9-]{0,31}$/)), modelName)),
  /** Only compute the diff; nothing is written and no key is created. */
  preview: z.optional(z.boolean()),
  /** Restore even files edited since apply (those edits are lost). */
  force: z.optional(z.boolean()),
});

/** Stands in for the key in GET answers and previews, where no key exists yet. */
const keyPlaceholder = '<your OmniRoute API key>';

/**
 * `/api/cli-tools`: detection of coding tools and one-click setup. `{tool}-settings` is the seed's
 * naming (`/api/cli-tools/claude-settings`); `runtime/{tool}` is detection alone.
 */
export function cliToolsRoutes(context: RouterContext): Router {
  const router = Router();
  const { cliTools } = context;

  // `?refresh=true` asks the login shell again and reruns version commands (after installing a tool).
  router.get('/', async (req, res) => {
    if (req.query.refresh === 'true') cliTools.refresh();
    res.json({ tools: await cliTools.list() });
  });

  router.get('/runtime/:tool', async (req, res) => {
    res.json(await cliTools.status(toolOf(String(req.params.tool))));
  });

  router.get('/:name', async (req, res) => {
    const tool = toolOf(settingsToolId(String(req.params.name)));
    res.json(await cliTools.settings(tool, { baseUrl: routerBaseUrl(req), apiKey: keyPlaceholder, model: null, modelMap: {} }));
  });

  router.post('/:name', async (req, res) => {
    const tool = toolOf(settingsToolId(String(req.params.name)));
    const input = validateBody(settingsActionSchema, req.body);
    const baseUrl = routerBaseUrl(req);
    if (input.action === 'restore') {
      const restored = cliTools.restore(tool, { force: input.force ?? false });
      const body: CliToolRestoreResultDto = { tool: tool.id, action: 'restore', restored, settings: await cliTools.settings(tool, { baseUrl, apiKey: keyPlaceholder, model: null, modelMap: {} }) };
      res.json(body);
      return;
    }
    const preview = input.preview ?? false;
    if (input.apiKey !== undefined && !context.apiKeys.lookup(input.apiKey)) {
      throw invalidRequest(`'apiKey' is not one of this router's client API keys; create one with POST /api/keys, or leave it out and one is created for ${tool.name}.`, 'apiKey');
    }
    // A key is created only for a real apply (never for a preview), and only when none was given.
    const createdKey = input.apiKey === undefined && !preview ? createApiKey(context, { name: `${tool.name} (CLI tools)`, models: null }) : null;
    const apiKey = input.apiKey ?? createdKey?.key ?? keyPlaceholder;
    const target: ApplyInput = { baseUrl, apiKey, model: input.model ?? null, modelMap: input.modelMap ?? {} };
    const outcome = await cliTools.apply(tool, target, { preview });
    const hide = (text: string): string => (apiKey === keyPlaceholder ? text : text.split(apiKey).join(previewApiKey(apiKey)));
    const settings = await cliTools.settings(tool, target);
    const body: CliToolApplyResultDto = {
      tool: tool.id,
      action: 'apply',
      preview,
      diff: hide(outcome.diff),
      files: outcome.files,
      // Exact, to be pasted: the key in them is the one this request sent or just created and returns anyway.
      exportLines: outcome.exportLines,
      createdKey,
      settings: { ...settings, instructions: settings.instructions === null ? null : hide(settings.instructions) },
    };
    res.json(body);
  });

  return router;
}

function settingsToolId(name: string): string {
  if (!name.endsWith('-settings')) throw new GatewayError({ code: 'not_found', status: 404, message: `No CLI tools route '${name}'; use /api/cli-tools/{tool}-settings.` });
  return name.slice(0, -'-settings'.length);
}

function toolOf(id: string): CliToolDefinition {
  const tool = findCliTool(id);
  if (!tool) throw new GatewayError({ code: 'not_found', status: 404, message: `No CLI tool '${id}'. Known tools are listed by GET /api/cli-tools.` });
  return tool;
}

/**
 * The URL tools on this machine reach the router at: the address and port this very request came
 * in on, so it is right whatever port and host were chosen (port 0 in tests, `--host ::1`). A
 * tunnel daemon connects over loopback too, so a dashboard opened through a tunnel gets the same.
 */
function routerBaseUrl(req: Request): string {
  const address = (req.socket.localAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  return `http://${address.includes(':') ? `[${address}]` : address}:${req.socket.localPort}`;
}
