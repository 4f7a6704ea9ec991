import { createHash } from 'node:crypto';

/**
 * The embedded demo's published credentials: its service API key (printed by `npm run demo:tokens`) and
 * the file naming its demo users. Anyone who read the README knows them, so a hub outside demo mode
 * refuses to start with either (src/app/deployment.ts).
 */
export const DEMO_SERVICE_KEY = 'demo-bi-dashboard-key-2f6c1e0a';
export const DEMO_SERVICE_KEY_SHA256 = createHash('sha256').update(DEMO_SERVICE_KEY).digest('hex');
/** A model directory holding this file declares demo principals (people `npm run demo:tokens` signs for). */
export const DEMO_USERS_FILE = 'demo-users.yaml';
