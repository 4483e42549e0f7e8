// Users of every kind the access-matrix browser test signs in as, all with the e2e password.
// "own" users are bound to the new commune Tân Bình, "other" ones to Hòa An.
import { writeFileSync } from 'node:fs';
import type { Db } from '../src/lib/server/db/index';
import * as counters from '../src/lib/server/counters';
import * as kiosks from '../src/lib/server/kiosks';
import * as officers from '../src/lib/server/officers';
import * as surveyAdmin from '../src/lib/server/survey-admin';
import * as units from '../src/lib/server/units';
import * as users from '../src/lib/server/users';
import * as webLinks from '../src/lib/server/web-links';
import { DESK_SURVEY_CODE } from '../src/lib/server/demo/structure';
import { newId } from '../src/lib/server/ids';
import * as reports from '../src/lib/server/reports';

export const ACCESS_USERS = {
	viewerOwn: { username: 'e2e.viewer.own', role: 'viewer', unit: 'CT-TANBINH' },
	managerOwn: { username: 'e2e.manager.own', role: 'manager', unit: 'CT-TANBINH' },
	viewerOther: { username: 'e2e.viewer.other', role: 'viewer', unit: 'CT-HOAAN' },
	managerOther: { username: 'e2e.manager.other', role: 'manager', unit: 'CT-HOAAN' }
} as const;

export async function writeAccessFixtures(db: Db, password: string, path: string): Promise<void> {
	const own = await units.byCode(db, 'CT-TANBINH');
	const other = await units.byCode(db, 'CT-HOAAN');
	if (!own || !other) throw new Error('demo units CT-TANBINH and CT-HOAAN are missing');
	for (const u of Object.values(ACCESS_USERS)) {
		const unit = u.unit === 'CT-TANBINH' ? own : other;
		await users.create(db, { username: u.username, role: u.role, unitId: unit.id, password });
	}
	const ownCounter = await db
		.selectFrom('counters')
		.select('id')
		.where('unitId', '=', own.id)
		.orderBy('number')
		.executeTakeFirstOrThrow();
	const ownKiosk = await db
		.selectFrom('kiosks')
		.select('id')
		.where('unitId', '=', own.id)
		.executeTakeFirstOrThrow();
	const ownOfficer = await db
		.selectFrom('officers')
		.select('id')
		.where('unitId', '=', own.id)
		.executeTakeFirstOrThrow();
	const ownCase = await db
		.selectFrom('followUpCases')
		.select('id')
		.where('unitId', 'in', await units.lineageIds(db, own.id))
		.executeTakeFirst();
	// A case of Hòa An's lineage: what the own users must not open (admin-cases.test.ts).
	const otherCase = await db
		.selectFrom('followUpCases')
		.select('id')
		.where('unitId', 'in', await units.lineageIds(db, other.id))
		.executeTakeFirst();
	// A unit inside the own users' subtree (below their root), with a counter and an officer
	// nobody uses: a manager may rename or close it, and the matrix may (de)activate its people
	// without touching the demo's desks.
	const child = await units.create(db, {
		code: 'CT-TANBINH-E2E',
		name: 'Điểm tiếp nhận lưu động (e2e)',
		kind: 'centre',
		parentId: own.id
	});
	const childCounter = await counters.create(db, child.id, { number: 1, name: 'Quầy lưu động' });
	const childOfficer = await officers.create(db, child.id, {
		fullName: 'Cán bộ Thử Nghiệm',
		title: 'Công chức (e2e)',
		counterId: childCounter.id
	});
	// A kiosk and a user nobody else uses, for the kiosk and user actions of the matrix: a re-pair
	// there spends no pairing code a kiosk test needs, and nobody signs in as the user.
	const spareKiosk = await kiosks.create(db, { unitId: own.id, name: 'Kiosk dự phòng (e2e)' });
	const spareUser = await users.create(db, {
		username: 'e2e.spare.viewer',
		displayName: 'Người dùng dự phòng (e2e)',
		role: 'viewer',
		unitId: own.id,
		password
	});
	// Phone-survey links (tests/e2e/phone.test.ts): the own unit's first counter serves the web
	// survey the demo assigns today (SIPAS, many questions in sections); the child unit gets the
	// 3-level desk survey on the web channel, for the one-tap flow and its low-rating follow-ups.
	const deskSurvey = await db
		.selectFrom('surveys')
		.select('id')
		.where('code', '=', DESK_SURVEY_CODE)
		.executeTakeFirstOrThrow();
	await db
		.insertInto('surveyAssignments')
		.values({
			id: newId(),
			surveyId: deskSurvey.id,
			unitId: child.id,
			channel: 'web',
			validFrom: '2020-01-01',
			validTo: null,
			createdAt: new Date().toISOString()
		})
		.execute();
	// A survey of the own unit (a draft, no version) for the survey management rows of the matrix.
	const ownSurvey = await surveyAdmin.create(db, {
		name: 'Phiếu của Tân Bình (e2e)',
		start: 'desk3',
		ownerUnitId: own.id,
		createdBy: null
	});
	// An archived report of the own unit (admin/reports/[id] and its files).
	const admin = await users.byUsername(db, 'admin');
	const reportId = await reports.generate(
		db,
		{
			template: 'results',
			unitId: own.id,
			period: { basis: 'cutoff', kind: 'quarter', year: 2026, index: 3 },
			texts: {
				issuer: 'Ủy ban nhân dân thành phố Cần Thơ',
				number: 'Số: 1/BC-E2E',
				place: 'Tân Bình',
				date: '2026-09-20',
				assessment: '',
				proposals: '',
				recipients: 'Lưu: VT.',
				signerTitle: 'Chủ tịch',
				signerName: 'Người Ký Thử'
			},
			commentIds: []
		},
		{ id: admin!.id, username: 'admin', displayName: 'Quản trị viên' },
		{ asOf: '2026-11-27', reasonLabels: {} }
	);
	const webLinkCode = await webLinks.ensureLink(db, own.id, ownCounter.id);
	const deskWebLinkCode = await webLinks.ensureLink(db, child.id, childCounter.id);
	writeFileSync(
		path,
		JSON.stringify(
			{
				users: ACCESS_USERS,
				own: {
					unitId: own.id,
					counterId: ownCounter.id,
					kioskId: ownKiosk.id,
					officerId: ownOfficer.id,
					caseId: ownCase?.id ?? null,
					childUnitId: child.id,
					childCounterId: childCounter.id,
					childOfficerId: childOfficer.id,
					spareKioskId: spareKiosk.kiosk.id,
					spareUserId: spareUser.id,
					webLinkCode,
					deskWebLinkCode,
					surveyId: ownSurvey.id,
					reportId
				},
				other: { unitId: other.id, caseId: otherCase?.id ?? null }
			},
			null,
			'\t'
		)
	);
}
