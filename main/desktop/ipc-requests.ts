import type { IpcInvokeChannel, IpcInvokeContract } from '../../shared/ipc-contract.js';

type RequestGuards = { [Channel in IpcInvokeChannel]: (args: unknown[]) => args is IpcInvokeContract[Channel]['request'] };

const noArguments = (args: unknown[]): args is [] => args.length === 0;

/**
 * Runtime checks of what a window sends: types do not survive IPC, and a compromised page could
 * send anything. One guard per channel, so a new channel without one does not compile.
 */
export const ipcRequestGuards: RequestGuards = {
  getTrayState: noArguments,
  getOpenAtLogin: noArguments,
  setOpenAtLogin: (args): args is [boolean] => args.length === 1 && typeof args[0] === 'boolean',
  toggleRouter: noArguments,
};
