import { Router, type Request, type Response } from 'express';
import { z } from '../../shared/zod.js';
import { systemPromptFieldsSchema, systemPromptSettingSchema, thinkingBudgetFieldsSchema, thinkingBudgetSettingSchema } from '../../shared/request-settings.js';
import type { Settings } from '../../shared/settings.js';
import { validateBody } from '../formats/decode-json.js';
import type { RouterContext } from '../server/router-context.js';

/**
 * `/api/settings/system-prompt` and `/api/settings/thinking-budget`: views of one field each of
 * the settings document, so the value lives in one place and `GET /api/settings` shows it too.
 * PUT and PATCH both take any subset of the fields, merged over the current value.
 */
export function requestSettingsRoutes(context: RouterContext): Router {
  const router = Router();
  settingView(router, context, { path: '/system-prompt', key: 'systemPrompt', fields: systemPromptFieldsSchema, whole: systemPromptSettingSchema });
  settingView(router, context, { path: '/thinking-budget', key: 'thinkingBudget', fields: thinkingBudgetFieldsSchema, whole: thinkingBudgetSettingSchema });
  return router;
}

interface SettingView<Key extends keyof Settings> {
  path: string;
  key: Key;
  /** The fields, each validated alone: a patch may send any of them. */
  fields: z.ZodMiniObject;
  /** The merged value, with the rules across fields. */
  whole: z.ZodMiniType<Settings[Key]>;
}

function settingView<Key extends keyof Settings>(router: Router, context: RouterContext, view: SettingView<Key>): void {
  router.get(view.path, (_req, res) => {
    res.json(context.settings.current[view.key]);
  });
  const update = (req: Request, res: Response): void => {
    const patch = validateBody(z.partial(view.fields), req.body);
    const next = validateBody(view.whole, { ...(context.settings.current[view.key] as object), ...patch });
    res.json(context.settings.update({ [view.key]: next })[view.key]);
  };
  router.put(view.path, update);
  router.patch(view.path, update);
}
