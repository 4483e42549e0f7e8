import type { LayoutServerLoad } from './$types';

// Only what the pages need: unitId and session details stay on the server.
export const load: LayoutServerLoad = ({ locals }) => {
	const user = locals.user;
	return {
		locale: locals.locale,
		user: user
			? { id: user.id, username: user.username, displayName: user.displayName, role: user.role }
			: null
	};
};
