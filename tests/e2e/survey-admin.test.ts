import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { Fixtures } from './access-table';
import { testDb } from './db';
import { accessFixturesPath } from './paths';
import { goto } from './hydration';

// Survey management against the built server on the demo database (scripts/e2e-server.ts):
// create from a template, import refusals, export and import back, assignments and their
// conflicts. Assignments made here start in 2099, so no kiosk or phone test sees a change.

const PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? '';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const SURVEY_URL = /\/admin\/surveys\/([0-9a-f-]{36})\?done=(created|imported)$/;

async function expectNoAxeViolations(page: Page) {
	const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
	const summary = results.violations.map(
		(v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`
	);
	expect(summary).toEqual([]);
}

async function signIn(page: Page, username = 'admin') {
	await goto(page, '/login');
	await page.getByLabel('Tên đăng nhập').fill(username);
	await page.getByLabel('Mật khẩu').fill(PASSWORD);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL(/\/admin$/);
}

const access = () => JSON.parse(readFileSync(accessFixturesPath, 'utf8')) as Fixtures;

function surveyByCode(code: string) {
	return testDb().prepare('SELECT id, name FROM surveys WHERE code = ?').get(code) as {
		id: string;
		name: string;
	};
}

function surveyRow(id: string) {
	return testDb()
		.prepare('SELECT code, name, template, owner_unit_id, draft FROM surveys WHERE id = ?')
		.get(id) as {
		code: string;
		name: string;
		template: string | null;
		owner_unit_id: string | null;
		draft: string | null;
	};
}

function surveyCount(): number {
	return (testDb().prepare('SELECT count(*) AS n FROM surveys').get() as { n: number }).n;
}

function unitId(code: string): string {
	return (testDb().prepare('SELECT id FROM units WHERE code = ?').get(code) as { id: string }).id;
}

/** The demo's published 3-level desk survey, as stored. */
function deskDefinition() {
	const row = testDb()
		.prepare(
			`SELECT v.definition FROM survey_versions v JOIN surveys s ON s.id = v.survey_id
			 WHERE s.code = 'DESK3' AND v.version = 1`
		)
		.get() as { definition: string };
	return JSON.parse(row.definition) as {
		questions: { type: string; prompt: { vi: string } }[];
	} & Record<string, unknown>;
}

function envelope(definition: unknown, format = 'ykien-survey') {
	return {
		format,
		formatVersion: 1,
		exportedAt: '2026-12-01T00:00:00.000Z',
		survey: { name: 'Phiếu nhập thử (e2e)', code: 'E2E-IMPORT' },
		version: null,
		definition
	};
}

async function upload(page: Page, name: string, body: string | Buffer) {
	const form = page.getByRole('region', { name: 'Nhập phiếu từ tệp JSON' });
	await form.getByLabel('Tệp JSON').setInputFiles({
		name,
		mimeType: 'application/json',
		buffer: typeof body === 'string' ? Buffer.from(body) : body
	});
	await form.getByRole('button', { name: 'Nhập phiếu' }).click();
	return form;
}

test('an administrator creates a survey from a template; it cannot be assigned before publishing', async ({
	page
}) => {
	await signIn(page);
	await page
		.getByRole('navigation', { name: 'Quản trị' })
		.getByRole('link', { name: 'Phiếu khảo sát' })
		.click();
	await expect(page).toHaveURL(/\/admin\/surveys$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Phiếu khảo sát');
	const desk = page.getByRole('row', { name: /Đánh giá tại quầy, 3 mức/ });
	await expect(desk.getByRole('cell', { name: 'Phiên bản 1' })).toBeVisible();
	await expectNoAxeViolations(page);

	const create = page.getByRole('region', { name: 'Tạo phiếu khảo sát' });
	// An empty name is refused next to the field, the choices kept.
	await create.getByLabel('Đánh giá tại quầy, 4 mức').check();
	await create.getByRole('button', { name: 'Tạo phiếu' }).click();
	await expect(create.getByText('Vui lòng nhập tên phiếu.')).toBeVisible();
	await expect(create.getByLabel('Đánh giá tại quầy, 4 mức')).toBeChecked();

	await create.getByLabel('Tên phiếu khảo sát').fill('Phiếu e2e từ mẫu 4 mức');
	await expect(create.getByLabel('Đơn vị sở hữu')).toHaveValue('shared');
	await create.getByRole('button', { name: 'Tạo phiếu' }).click();
	await expect(page).toHaveURL(SURVEY_URL);
	const id = SURVEY_URL.exec(page.url())![1];
	await expect(page.getByText('Đã tạo phiếu khảo sát. Bản nháp sẵn sàng để soạn.')).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Phiếu e2e từ mẫu 4 mức');
	await expect(page.getByText('Có bản nháp chưa xuất bản (6 câu hỏi).')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Sửa bản nháp' })).toHaveAttribute(
		'href',
		`/admin/surveys/${id}/draft`
	);
	await expect(page.getByText('Chưa xuất bản phiên bản nào')).toBeVisible();
	const row = surveyRow(id);
	expect(row).toMatchObject({
		name: 'Phiếu e2e từ mẫu 4 mức',
		template: 'desk4',
		owner_unit_id: null
	});
	expect(row.code).toMatch(/^PHIEU-E2E-TU-MAU-4-MUC-[A-Z2-9]{4}$/);
	const draft = JSON.parse(row.draft!) as { questions: { key: string; levels?: unknown[] }[] };
	expect(draft.questions[0].levels).toHaveLength(4);

	// Without a published version the assignment is refused with a message saying why.
	const assign = page.getByRole('form', { name: 'Giao phiếu cho đơn vị' });
	await expect(assign.getByText('Phiếu chưa có phiên bản nào được xuất bản.')).toBeVisible();
	await assign.getByLabel('Đơn vị', { exact: true }).selectOption(access().own.childUnitId);
	await assign.getByLabel('Kiosk tại quầy').check();
	await assign.getByLabel('Áp dụng từ ngày').fill('2099-01-01');
	await assign.getByRole('button', { name: 'Giao phiếu' }).click();
	await expect(assign.getByRole('alert')).toHaveText(
		'Phiếu chưa có phiên bản nào được xuất bản nên chưa giao được. Hãy xuất bản bản nháp trước.'
	);
	expect(
		testDb().prepare('SELECT count(*) AS n FROM survey_assignments WHERE survey_id = ?').get(id)
	).toEqual({ n: 0 });
	await expectNoAxeViolations(page);

	const audit = testDb()
		.prepare(
			"SELECT username, detail FROM audit_log WHERE action = 'survey.create' AND target_id = ?"
		)
		.get(id) as { username: string; detail: string };
	expect(audit.username).toBe('admin');
	expect(JSON.parse(audit.detail)).toMatchObject({ start: 'desk4', ownerUnitId: null });
});

test('a hostile or foreign file is refused with what is wrong, and nothing is created', async ({
	page
}) => {
	await signIn(page);
	await goto(page, '/admin/surveys');
	const before = surveyCount();

	const hostile = deskDefinition();
	hostile.questions[2].prompt.vi = '<script>alert(1)</script>';
	hostile.questions[3].type = 'video';
	let form = await upload(page, 'hostile.json', JSON.stringify(envelope(hostile)));
	await expect(form.getByText('Tệp có 2 lỗi nên chưa nhập được:')).toBeVisible();
	const problems = form.getByRole('listitem');
	await expect(problems).toHaveText([
		'questions[2].prompt.vi: must be plain text (no < or > or control characters)',
		'questions[3].type: unknown question type'
	]);
	await expect(form.getByLabel('Tệp JSON')).toHaveAttribute('aria-invalid', 'true');
	await expectNoAxeViolations(page);

	form = await upload(page, 'other.json', JSON.stringify(envelope(deskDefinition(), 'other-app')));
	await expect(
		form.getByText('Tệp không phải phiếu khảo sát Ý Kiến: trường “format” phải là “ykien-survey”.')
	).toBeVisible();
	form = await upload(page, 'broken.json', '{"format": "ykien-survey",');
	await expect(form.getByText('Tệp không phải JSON hợp lệ.')).toBeVisible();

	// Over 256 KB: the browser refuses before sending, and the server refuses it too.
	const big = Buffer.alloc(300 * 1024, 0x20);
	form = await upload(page, 'big.json', big);
	await expect(form.getByText('Tệp lớn hơn 256 KB nên không được đọc.')).toBeVisible();
	const direct = await page.request.post('/admin/surveys?/import', {
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
		multipart: {
			ownerUnitId: 'shared',
			file: { name: 'big.json', mimeType: 'application/json', buffer: big }
		},
		maxRedirects: 0
	});
	expect(direct.status()).toBe(413);
	expect(await direct.text()).toContain('Tệp lớn hơn 256 KB nên không được đọc.');

	expect(surveyCount()).toBe(before);
});

test('a published version exported as JSON imports back as the draft of a new survey', async ({
	page
}) => {
	await signIn(page);
	const desk = surveyByCode('DESK3');
	await goto(page, `/admin/surveys/${desk.id}`);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Tải phiên bản 1' }).click()
	]);
	expect(download.suggestedFilename()).toBe('survey-DESK3-v1.json');
	const exported = readFileSync((await download.path())!, 'utf8');
	const file = JSON.parse(exported);
	expect(file).toMatchObject({
		format: 'ykien-survey',
		formatVersion: 1,
		survey: { name: desk.name, code: 'DESK3' },
		version: 1
	});
	expect(file.definition).toEqual(deskDefinition());
	expect(Date.parse(file.exportedAt)).toBeGreaterThan(Date.now() - 60_000);

	await goto(page, '/admin/surveys');
	await upload(page, download.suggestedFilename(), exported);
	await expect(page).toHaveURL(SURVEY_URL);
	const id = SURVEY_URL.exec(page.url())![1];
	await expect(page.getByText('Đã nhập phiếu từ tệp thành bản nháp của phiếu mới.')).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(desk.name);
	const imported = surveyRow(id);
	expect(imported.code).not.toBe('DESK3');
	expect(JSON.parse(imported.draft!)).toEqual(file.definition);

	// The draft exports to the same definition again.
	const [again] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Tải bản nháp (JSON)' }).click()
	]);
	expect(again.suggestedFilename()).toBe(`survey-${imported.code}-draft.json`);
	const second = JSON.parse(readFileSync((await again.path())!, 'utf8'));
	expect(second).toMatchObject({ version: null, survey: { name: desk.name, code: imported.code } });
	expect(second.definition).toEqual(file.definition);
});

test('an assignment overlapping another survey on the same unit and channel is refused by name', async ({
	page
}) => {
	await signIn(page);
	const sipas = surveyByCode('SIPAS-2025');
	const childId = access().own.childUnitId;
	await goto(page, `/admin/surveys/${sipas.id}`);
	await expect(
		page.getByText(/Phiếu giao cho đơn vị cấp dưới được dùng thay cho phiếu giao/)
	).toBeVisible();
	const assign = page.getByRole('form', { name: 'Giao phiếu cho đơn vị' });

	// The city's kiosks answer the desk survey from 1/7/2025 with no end: same unit and channel.
	await assign.getByLabel('Đơn vị', { exact: true }).selectOption(unitId('CT'));
	await assign.getByLabel('Kiosk tại quầy').check();
	await assign.getByLabel('Áp dụng từ ngày').fill('2099-01-01');
	await assign.getByLabel('Đến hết ngày').fill('2099-12-31');
	await assign.getByRole('button', { name: 'Giao phiếu' }).click();
	await expect(
		assign.getByText(
			'Trùng thời gian với phiếu “Đánh giá tại quầy, 3 mức” (mã DESK3) đã giao cho đơn vị này trên cùng kênh từ 01/07/2025, không thời hạn.',
			{ exact: false }
		)
	).toBeVisible();
	await expect(assign.getByLabel('Áp dụng từ ngày')).toHaveAttribute('aria-invalid', 'true');
	await expect(assign.getByLabel('Đến hết ngày')).toHaveValue('2099-12-31');

	// The end before the start is refused too.
	await assign.getByLabel('Đơn vị', { exact: true }).selectOption(childId);
	await assign.getByLabel('Áp dụng từ ngày').fill('2099-02-01');
	await assign.getByLabel('Đến hết ngày').fill('2099-01-31');
	await assign.getByRole('button', { name: 'Giao phiếu' }).click();
	await expect(assign.getByText('Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.')).toBeVisible();

	// A lower unit is not a conflict: its assignment overrides the city's there.
	await assign.getByLabel('Áp dụng từ ngày').fill('2099-01-01');
	await assign.getByLabel('Đến hết ngày').fill('2099-12-31');
	await assign.getByRole('button', { name: 'Giao phiếu' }).click();
	await expect(page.getByText('Đã giao phiếu.')).toBeVisible();
	const row = page.getByRole('row', { name: /Điểm tiếp nhận lưu động \(e2e\)/ });
	await expect(row.getByRole('cell', { name: 'Sắp áp dụng' })).toBeVisible();
	await expect(row.getByRole('cell', { name: '31/12/2099' })).toBeVisible();
	await expectNoAxeViolations(page);

	await row.getByLabel(/Kết thúc vào ngày/).fill('2099-06-30');
	await row.getByRole('button', { name: 'Kết thúc', exact: true }).click();
	await expect(page.getByText('Đã đặt ngày kết thúc cho lần giao phiếu.')).toBeVisible();
	await expect(row.getByRole('cell', { name: '30/06/2099' })).toBeVisible();

	await row.getByRole('button', { name: 'Xóa lần giao' }).click();
	await expect(page.getByText('Đã xóa lần giao phiếu.')).toBeVisible();
	await expect(row).toHaveCount(0);

	const actions = testDb()
		.prepare(
			"SELECT action FROM audit_log WHERE target_id = ? AND action LIKE 'survey.%' ORDER BY at"
		)
		.all(sipas.id) as { action: string }[];
	expect(actions.map((a) => a.action)).toEqual([
		'survey.assign',
		'survey.assignment_end',
		'survey.assignment_delete'
	]);
});

test('a manager sees shared surveys and those of their unit, and owns what they create', async ({
	page
}) => {
	await signIn(page, 'e2e.manager.own');
	await goto(page, '/admin/surveys');
	await expect(page.getByRole('link', { name: 'Phiếu của Tân Bình (e2e)' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Đánh giá tại quầy, 3 mức' }).first()).toBeVisible();
	const create = page.getByRole('region', { name: 'Tạo phiếu khảo sát' });
	const owner = create.getByLabel('Đơn vị sở hữu');
	await expect(owner).toHaveValue(access().own.unitId);
	await expect(owner.locator('option[value="shared"]')).toHaveCount(0);
	await create.getByLabel('Tên phiếu khảo sát').fill('Phiếu quản lý e2e');
	await create.getByLabel('Phiếu trống').check();
	await create.getByRole('button', { name: 'Tạo phiếu' }).click();
	await expect(page).toHaveURL(SURVEY_URL);
	const row = surveyRow(SURVEY_URL.exec(page.url())![1]);
	expect(row).toMatchObject({ owner_unit_id: access().own.unitId, template: null });
	expect((JSON.parse(row.draft!) as { questions: unknown[] }).questions).toHaveLength(1);
	await expect(page.getByRole('link', { name: 'Sửa bản nháp' })).toBeVisible();
});
