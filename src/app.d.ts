import type { Lang } from '$lib/i18n/messages';

// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Locals {
			lang: Lang;
		}
	}
}

export {};
