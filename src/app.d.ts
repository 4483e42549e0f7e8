import type { Role } from '$lib/server/db/schema';
import type { Locale } from '$lib/i18n';

declare global {
	namespace App {
		interface Error {
			message: string;
			requestId?: string;
		}
		interface Locals {
			requestId: string;
			locale: Locale;
			user: SessionUser | null;
			sessionId: string | null;
		}
		interface PageData {
			locale: Locale;
		}
	}

	interface SessionUser {
		id: string;
		username: string;
		displayName: string;
		role: Role;
		unitId: string | null;
	}
}

export {};
