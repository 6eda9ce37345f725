// Exits 0 when the Secret Service stores, reads back and deletes a secret: the keychain the tests
// use is up and unlocked. scripts/test.sh runs it before the suite, inside the test session.
import { Entry } from '@napi-rs/keyring';

const entry = new Entry('omniroute-test-probe', `probe-${process.pid}`, { linux: { store: 'secret-service' } });
try {
  entry.setPassword('unlocked');
  const read = entry.getPassword();
  entry.deletePassword();
  if (read !== 'unlocked') throw new Error(`read back ${JSON.stringify(read)}`);
} catch (error) {
  console.error(`check-keyring: the Secret Service is not usable: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
