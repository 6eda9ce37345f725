import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, Response } from 'express';
import { GatewayError } from '../../errors/gateway-error.js';
import { openAiChatErrors } from '../../formats/openai-chat/encode-error.js';
import type { Task, TaskRegistry } from '../../tasks/task-registry.js';
import { presentedKey } from '../client-auth.js';
import { locals } from '../request-context.js';

/**
 * Who may read a task: the API key that created it, or, without a key of ours, whoever presents
 * the same (unknown) key; its hash, never the key, is kept.
 */
export function taskOwner(req: IncomingMessage, res: ServerResponse): string {
  const apiKey = locals(res).apiKey;
  if (apiKey) return `key:${apiKey.id}`;
  return `anonymous:${createHash('sha256').update(presentedKey(req) ?? '').digest('hex').slice(0, 32)}`;
}

/**
 * A task as the client sees it: `id` (also as `task_id`), `status`, `model`, `created`; once
 * completed, the upstream's answer fields (`data`, `usage`); once failed, `error` as OpenAI's
 * error object.
 */
export function taskView(task: Task<unknown>): Record<string, unknown> {
  const view = { id: task.id, task_id: task.id, status: task.status, model: task.model };
  const created = Math.floor(task.createdAt / 1000);
  if (task.status === 'completed') return { created, ...(task.result as Record<string, unknown>), ...view };
  if (task.status === 'failed' && task.error) return { ...view, created, error: (openAiChatErrors.renderError(task.error, task.id).body as { error: unknown }).error };
  return { ...view, created };
}

/** `GET .../{task_id}`: the caller's task, or a 404 for an unknown, expired or someone else's task. */
export function taskRoute(tasks: TaskRegistry<unknown>) {
  return (req: Request, res: Response): void => {
    const id = String(req.params.task_id);
    const task = tasks.get(id, taskOwner(req, res));
    if (!task) {
      throw new GatewayError({ code: 'not_found', status: 404, param: 'task_id', message: `No task '${id}': a task can be read with the key that created it, until ${Math.round(tasks.retainMs / 60_000)} minutes after it finished.` });
    }
    res.json(taskView(task));
  };
}
