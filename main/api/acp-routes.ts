import { Router } from 'express';
import { z } from '../../shared/zod.js';
import { GatewayError, invalidRequest } from '../errors/gateway-error.js';
import { validateBody } from '../formats/decode-json.js';
import type { RouterContext } from '../server/router-context.js';
import { notFound } from './not-found.js';

const addAgentSchema = z.strictObject({
  id: z.optional(z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/))),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  /** A command name looked up like the built-in agents, or an absolute path. */
  binary: z.string().check(z.trim(), z.minLength(1), z.maxLength(1024), z.regex(/^[^\0\n]+$/)),
  args: z.optional(z.array(z.string().check(z.maxLength(1024))).check(z.maxLength(32))),
});
const refreshSchema = z.strictObject({ action: z.literal('refresh') });

/** `/api/acp/agents`: ACP agents (built-in and custom) with detection status, as in the seed. */
export function acpRoutes(context: RouterContext): Router {
  const router = Router();
  const { acpAgents } = context;

  router.get('/agents', async (_req, res) => {
    res.json(await acpAgents.list());
  });

  // One POST does two things in the seed: refresh detection, or add a custom agent.
  router.post('/agents', async (req, res) => {
    if ((req.body as { action?: unknown } | undefined)?.action !== undefined) {
      validateBody(refreshSchema, req.body);
      acpAgents.refresh();
      res.json(await acpAgents.list());
      return;
    }
    const input = validateBody(addAgentSchema, req.body);
    const agent = acpAgents.add({ id: input.id, name: input.name, binary: input.binary, args: input.args ?? [] });
    const listed = (await acpAgents.list()).agents.find((candidate) => candidate.id === agent.id);
    if (!listed) throw new GatewayError({ code: 'internal_error', status: 500, message: `Agent '${agent.id}' was saved but is not listed.` });
    res.status(201).json(listed);
  });

  router.delete('/agents', (req, res) => {
    const id = typeof req.query.id === 'string' ? req.query.id : '';
    if (!id) throw invalidRequest("Pass the custom agent's id as the 'id' query parameter.", 'id');
    if (!acpAgents.remove(id)) throw notFound('custom ACP agent', id);
    res.status(204).end();
  });

  return router;
}
