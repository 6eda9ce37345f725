import { Router } from 'express';
import { tunnelActionSchema, type TunnelActionResultDto, type TunnelKindId } from '../../shared/tunnels.js';
import { validateBody } from '../formats/decode-json.js';
import type { RouterContext } from '../server/router-context.js';
import { notFound } from './not-found.js';

/**
 * `/api/tunnels`: every kind's install probe and state; `/api/tunnels/{kind}` one of them, and
 * `POST {action: "enable" | "disable"}` to start or stop it, as the OmniRoute API reference defines
 * for `cloudflared` (ngrok and tailscale answer the same way).
 */
export function tunnelsRoutes(context: RouterContext): Router {
  const router = Router();
  const { tunnels } = context;
  const kindOf = (value: unknown): TunnelKindId => {
    const kind = String(value);
    if (!tunnels.isKind(kind)) throw notFound('tunnel kind', kind);
    return kind;
  };

  router.get('/', async (_req, res) => {
    res.json({ data: await tunnels.list() });
  });

  router.get('/:kind', async (req, res) => {
    res.json(await tunnels.status(kindOf(req.params.kind)));
  });

  router.post('/:kind', async (req, res) => {
    const kind = kindOf(req.params.kind);
    const { action } = validateBody(tunnelActionSchema, req.body);
    const status = action === 'enable' ? await tunnels.start(kind) : await tunnels.stop(kind);
    const result: TunnelActionResultDto = { success: true, action, status };
    res.json(result);
  });

  return router;
}
