import { contextBridge, ipcRenderer } from 'electron';
import { desktopBridgeName } from '../../shared/ipc-contract.js';
import { createDesktopBridge } from './preload-bridge.js';

// Runs sandboxed with context isolation: the page sees only this object on window.omniroute.
contextBridge.exposeInMainWorld(desktopBridgeName, createDesktopBridge(ipcRenderer));
