import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const CHROME_EXTENSION_DIR = path.join(REPO_ROOT, '.output/chrome-mv3');
// wxt.config.ts builds Firefox as MV3 too.
export const FIREFOX_EXTENSION_DIR = path.join(REPO_ROOT, '.output/firefox-mv3');
export const FIXTURES_DIR = path.join(REPO_ROOT, 'test/fixtures/webmail');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
