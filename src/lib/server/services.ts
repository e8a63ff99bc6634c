import type { Database, DatabaseHandle } from '../../../server/db/client';
import type { Logger } from 'pino';
import type { SnapshotReader } from '../../../server/read/snapshot-reader';
import type { ReferenceData } from '../../../server/reference/reference-data';
import type { AccessService } from '../../../server/access/access-service';
import type { AdminService } from '../../../server/admin/admin-service';
import type { WallSettings } from '../wall/wall-settings';

/**
 * The running services, handed from the custom server to SvelteKit's handler bundle. The two are
 * separate module graphs, so a module-level singleton would silently be two objects: the handle lives
 * on globalThis under a registered symbol instead.
 */
export interface AppServices {
	db: Database;
	database: DatabaseHandle;
	log: Logger;
	reference: ReferenceData;
	/** Snapshots as the REST API gives them (live store, else SQL); the page checks access. */
	snapshots: SnapshotReader;
	/** Sessions, tokens and the access policy; pages go through `$lib/server/access`. */
	access: AccessService;
	/** The administration pages' changes, each audited. */
	admin: AdminService;
	/** Wall displays' defaults (WALL_* settings); a display URL's query may override them. */
	wall: WallSettings;
}

const KEY = Symbol.for('mot-cua-live.services');
type Registry = { [KEY]?: AppServices };

export function provideServices(services: AppServices | undefined): void {
	(globalThis as Registry)[KEY] = services;
}

export function services(): AppServices {
	const found = (globalThis as Registry)[KEY];
	if (!found)
		throw new Error('Services are not started: run the app through server/index.ts or vite dev');
	return found;
}
