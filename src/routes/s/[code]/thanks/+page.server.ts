import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/instance';
import * as phone from '$lib/server/phone-survey';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url }) => {
	const found = await phone.open(getDb(), params.code);
	if (!found) error(404, { message: 'not_found' });
	return {
		locale: url.searchParams.get('lang') === 'en' ? ('en' as const) : ('vi' as const),
		place: {
			unitName: found.link.unitName,
			counterNumber: found.counterNumber,
			counterName: found.link.counterName
		}
	};
};
