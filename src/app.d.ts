import type { Lang } from '$lib/i18n/messages';
import type { Principal } from '../server/access/policy';

// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Locals {
			lang: Lang;
			/** Who is asking (a signed-in person or a wall display), or null; set by hooks.server.ts. */
			principal: Principal | null;
			/** The session cookie's token when a person is signed in (forms derive their CSRF token from it). */
			sessionToken?: string;
		}
	}
}

export {};
