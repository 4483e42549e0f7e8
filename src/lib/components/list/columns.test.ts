import { describe, expect, it } from 'vitest';
import { translator } from '$lib/i18n';
import { keyedColumns } from './columns';

describe('keyedColumns', () => {
	it('reads each heading from the catalogue in the order named, numbers marked', () => {
		const t = translator('en');
		const columns = keyedColumns(t, 'admin.kiosks', 'name queue', ['queue']);
		expect(columns).toEqual([{ label: 'Kiosk' }, { label: 'Pending answers', num: true }]);
	});
});
