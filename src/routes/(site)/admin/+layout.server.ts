import { requireUser } from '$lib/server/auth/guard';
import type { LayoutServerLoad } from './$types';

// Shapes the admin shell only. Layout checks do not protect actions or child loads, so every
// admin page and action calls requireUser again itself.
export const load: LayoutServerLoad = (event) => {
	const user = requireUser(event);
	return {
		user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role }
	};
};
