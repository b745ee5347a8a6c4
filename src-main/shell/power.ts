import { powerMonitor } from 'electron';
import type { Messenger } from '../service/messenger.js';

/**
 * Suspend and screen lock log out when the setting says so (on by default),
 * as KeePassXC locks its database. If the vault cannot even say whether
 * someone is logged in, log out anyway: forgetting keys is the safe side.
 */
export function logoutOnSuspend(messenger: Messenger): void {
  const lock = () => {
    try {
      if (messenger.status().loggedIn && messenger.settings().lockOnSuspend) messenger.logout('suspend');
    } catch {
      messenger.logout('suspend');
    }
  };
  powerMonitor.on('suspend', lock);
  powerMonitor.on('lock-screen', lock);
}
