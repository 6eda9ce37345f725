import { ipcInvokeChannels, type IpcEventChannel, type IpcEventContract, type IpcInvokeChannel, type IpcInvokeContract } from '../../shared/ipc-contract.js';
import type { DesktopWebContents, ElectronModule, IpcInvokeEvent } from './electron-api.js';
import { ipcRequestGuards } from './ipc-requests.js';
import { originOf } from './window-guards.js';

/** One handler per channel of the contract; a missing one is a compile error. */
export type IpcHandlers = {
  [Channel in IpcInvokeChannel]: (...request: IpcInvokeContract[Channel]['request']) => IpcInvokeContract[Channel]['response'] | Promise<IpcInvokeContract[Channel]['response']>;
};

/** Who may call: the frame must be our window's and show our own origin. */
export interface IpcSenderPolicy {
  webContentsId: () => number | undefined;
  origin: () => string | null;
}

/**
 * Whether an IPC call comes from our window's page. Checking the frame's URL, not only the
 * window, refuses a foreign page that somehow got loaded into it (or into a subframe).
 *
 * @see https://github.com/electron/fiddle/blob/main/src/main/ipc.ts
 */
export function isTrustedSender(event: IpcInvokeEvent, policy: IpcSenderPolicy): boolean {
  const origin = policy.origin();
  const frameUrl = event.senderFrame?.url;
  return origin !== null && frameUrl !== undefined && event.sender.id === policy.webContentsId() && originOf(frameUrl) === origin;
}

/** Registers every channel's handler behind the sender check and the request's runtime guard. */
export function registerIpcHandlers(ipcMain: ElectronModule['ipcMain'], handlers: IpcHandlers, policy: IpcSenderPolicy): void {
  for (const channel of Object.values(ipcInvokeChannels)) {
    ipcMain.handle(channel, (event, ...args) => {
      if (!isTrustedSender(event, policy)) throw new Error(`IPC ${channel} refused: the caller is not the OmniRoute window.`);
      const guard = ipcRequestGuards[channel] as (args: unknown[]) => boolean;
      if (!guard(args)) throw new Error(`IPC ${channel} refused: unexpected arguments.`);
      return (handlers[channel] as (...request: unknown[]) => unknown)(...args);
    });
  }
}

/** Pushes an event of the contract to a window. */
export function sendToWindow<Channel extends IpcEventChannel>(webContents: DesktopWebContents, channel: Channel, payload: IpcEventContract[Channel]): void {
  webContents.send(channel, payload);
}
