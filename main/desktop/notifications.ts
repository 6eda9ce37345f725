import type { AppEventMap } from '../util/app-events.js';
import type { AppHost } from '../app-host.js';
import type { ElectronModule } from './electron-api.js';
import { onEachRouter } from './router-events.js';

/** The events worth a native notification. */
export type NotifiedEvent = 'budget-warning' | 'account-auth-failed' | 'tunnel-down';

const money = (amount: number): string => `$${amount.toFixed(2)}`;

/** Title and body of each notification; a new notified event without one does not compile. */
export const notificationTexts: { [Name in NotifiedEvent]: (payload: AppEventMap[Name]) => { title: string; body: string } } = {
  'budget-warning': ({ exceeded, period, keyId, spent, limit }) => ({
    title: exceeded ? 'Budget used up' : 'Budget almost used up',
    body: `${keyId ? `Key ${keyId}: ` : ''}${money(spent)} of ${money(limit)} spent this ${period}.`,
  }),
  'account-auth-failed': ({ provider, status }) => ({
    title: `${provider}: sign in again`,
    body: `The provider refused this account's credentials (HTTP ${status}). Open the dashboard to sign in again or replace the key.`,
  }),
  'tunnel-down': ({ tunnel, reason, restarting }) => ({
    title: `Tunnel ${tunnel} is down`,
    body: restarting ? `${reason}. Restarting it.` : `${reason}. Start it again from the dashboard.`,
  }),
};

/** Native notifications for the router's AppEvents, re-attached to every router the host starts. */
export function setupNotifications(electron: Pick<ElectronModule, 'Notification'>, host: AppHost, iconPath: string): void {
  const notify = ({ title, body }: { title: string; body: string }): void => {
    if (electron.Notification.isSupported()) new electron.Notification({ title, body, icon: iconPath }).show();
  };
  onEachRouter(host, (app) => {
    const { events } = app.context;
    const detach = [
      events.on('budget-warning', (payload) => notify(notificationTexts['budget-warning'](payload))),
      events.on('account-auth-failed', (payload) => notify(notificationTexts['account-auth-failed'](payload))),
      events.on('tunnel-down', (payload) => notify(notificationTexts['tunnel-down'](payload))),
    ];
    return () => detach.forEach((off) => off());
  });
}
