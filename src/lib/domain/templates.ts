import { DESK_REASONS, scale3, scale4, scale5 } from './scales';
import type { Localized, Question, RatingLevel, SurveyDefinition } from './survey';

/** Starting points an administrator picks when creating a survey; each passes validation. */
export type TemplateId = 'desk3' | 'desk4' | 'smiley' | 'sipas';

export const TEMPLATE_IDS: TemplateId[] = ['desk3', 'desk4', 'smiley', 'sipas'];

export const TEMPLATE_NAMES: Record<TemplateId, Localized> = {
	desk3: { vi: 'Đánh giá tại quầy, 3 mức', en: 'Desk rating, 3 levels' },
	desk4: { vi: 'Đánh giá tại quầy, 4 mức', en: 'Desk rating, 4 levels' },
	smiley: { vi: 'Một câu hỏi, 3 mặt cười', en: 'One question, 3 faces' },
	sipas: {
		vi: 'Khảo sát mức độ hài lòng theo SIPAS, 5 mức',
		en: 'SIPAS satisfaction survey, 5 levels'
	}
};

const MAIN_PROMPT: Localized = {
	vi: 'Ông/Bà đánh giá thế nào về sự phục vụ hôm nay?',
	en: 'How were you served today?'
};

const COMMENT_PROMPT: Localized = {
	vi: 'Ông/Bà có muốn góp ý thêm?',
	en: 'Would you like to add a comment?'
};

function mainRating(levels: RatingLevel[], satisfiedFrom: number, prompt = MAIN_PROMPT): Question {
	return {
		key: 'satisfaction',
		type: 'rating',
		prompt: { ...prompt },
		required: true,
		levels,
		satisfiedFrom
	};
}

function comment(showWhen?: Question['showWhen']): Question {
	return {
		key: 'comment',
		type: 'text',
		prompt: { ...COMMENT_PROMPT },
		multiline: true,
		maxLength: 1000,
		...(showWhen ? { showWhen } : {})
	};
}

/**
 * The desk flow of KIOSK-UX: one tap is a complete answer; the "why" screens appear only at or
 * below `followUpAtOrBelow`, because asking a satisfied resident for reasons makes them leave.
 */
function desk(levels: RatingLevel[], satisfiedFrom: number, followUpAtOrBelow: number) {
	const lowRating = { question: 'satisfaction', op: 'lte', value: followUpAtOrBelow } as const;
	const questions: Question[] = [
		mainRating(levels, satisfiedFrom),
		{
			key: 'officer',
			type: 'officer',
			prompt: { vi: 'Cán bộ nào đã tiếp Ông/Bà?', en: 'Which officer served you?' }
		},
		{
			key: 'procedure_field',
			type: 'procedure_field',
			prompt: {
				vi: 'Ông/Bà đến làm thủ tục thuộc lĩnh vực nào?',
				en: 'Which kind of procedure did you come for?'
			}
		},
		{
			key: 'reasons',
			type: 'multi_choice',
			prompt: { vi: 'Điều gì khiến Ông/Bà chưa hài lòng?', en: 'What left you dissatisfied?' },
			options: DESK_REASONS.map((r) => ({ ...r, label: { ...r.label } })),
			showWhen: { ...lowRating }
		},
		comment({ ...lowRating }),
		{
			key: 'phone',
			type: 'phone',
			prompt: {
				vi: 'Để lại số điện thoại nếu Ông/Bà muốn được liên hệ lại.',
				en: 'Leave a phone number if you would like to be contacted.'
			},
			consent: {
				vi: 'Tôi đồng ý để cơ quan dùng số điện thoại này chỉ để liên hệ phản hồi ý kiến của tôi. Số điện thoại được xóa sau 12 tháng.',
				en: 'I agree that the office may use this phone number only to reply to my feedback. The number is deleted after 12 months.'
			},
			showWhen: { ...lowRating }
		}
	];
	return questions;
}

type SipasItem = [vi: string, en: string];

/** SIPAS groups I..V (Decision 1001/QĐ-BNV, 2023) with one rating per criterion in DOMAIN.md. */
const SIPAS_GROUPS: { group: string; title: Localized; items: SipasItem[] }[] = [
	{
		group: 'access',
		title: { vi: 'I. Tiếp cận dịch vụ', en: 'I. Access to the service' },
		items: [
			[
				'Ông/Bà đánh giá thế nào về thông tin hướng dẫn (địa điểm, giờ làm việc, cách nộp hồ sơ) tại nơi tiếp nhận?',
				'How do you rate the information provided (place, opening hours, how to file a dossier)?'
			],
			[
				'Ông/Bà đánh giá thế nào về biển chỉ dẫn, sơ đồ các quầy tại trụ sở: dễ thấy, dễ hiểu?',
				'How do you rate the signs and the plan of the counters: easy to see and understand?'
			],
			[
				'Ông/Bà đánh giá thế nào về nơi tiếp nhận và trả kết quả: sạch sẽ, thoáng mát, đủ chỗ ngồi chờ?',
				'How do you rate the premises: clean, airy, with enough seats while waiting?'
			],
			[
				'Ông/Bà đánh giá thế nào về trang thiết bị phục vụ người dân (máy lấy số thứ tự, máy tra cứu, bàn ghế)?',
				'How do you rate the equipment for residents (queue ticket machine, lookup terminal, desks and chairs)?'
			]
		]
	},
	{
		group: 'procedure',
		title: { vi: 'II. Thủ tục hành chính', en: 'II. Administrative procedure' },
		items: [
			[
				'Ông/Bà đánh giá thế nào về việc thủ tục hành chính được niêm yết công khai, đầy đủ?',
				'How do you rate the public posting of the administrative procedure?'
			],
			[
				'Ông/Bà đánh giá thế nào về việc thành phần hồ sơ phải nộp đúng như quy định?',
				'How do you rate whether the documents you had to submit were exactly those prescribed?'
			],
			[
				'Ông/Bà đánh giá thế nào về việc phí, lệ phí phải nộp đúng như quy định?',
				'How do you rate whether the fees and charges you paid were exactly those prescribed?'
			],
			[
				'Ông/Bà đánh giá thế nào về việc thời hạn giải quyết hồ sơ đúng như quy định?',
				'How do you rate whether the processing time was as prescribed?'
			]
		]
	},
	{
		group: 'officer',
		title: { vi: 'III. Công chức', en: 'III. Officers' },
		items: [
			[
				'Ông/Bà đánh giá thế nào về thái độ của công chức: lịch sự, tôn trọng Ông/Bà?',
				'How do you rate the officer’s manner: polite and respectful?'
			],
			[
				'Ông/Bà đánh giá thế nào về việc công chức trả lời kịp thời, đầy đủ các câu hỏi của Ông/Bà?',
				'How do you rate whether the officer answered your questions promptly and fully?'
			],
			[
				'Ông/Bà đánh giá thế nào về việc công chức hướng dẫn để Ông/Bà hoàn thiện hồ sơ trong một lần?',
				'How do you rate whether the officer’s guidance let you complete your dossier in one visit?'
			],
			[
				'Ông/Bà đánh giá thế nào về việc công chức giải quyết công việc đúng quy định?',
				'How do you rate whether the officer followed the rules?'
			],
			[
				'Ông/Bà đánh giá thế nào về tinh thần tận tụy, trách nhiệm của công chức?',
				'How do you rate the officer’s dedication and sense of responsibility?'
			]
		]
	},
	{
		group: 'result',
		title: { vi: 'IV. Kết quả giải quyết', en: 'IV. Result' },
		items: [
			[
				'Ông/Bà đánh giá thế nào về việc nhận kết quả đúng thời hạn đã hẹn?',
				'How do you rate whether you received the result on the promised date?'
			],
			[
				'Ông/Bà đánh giá thế nào về việc kết quả giải quyết chính xác, đầy đủ thông tin?',
				'How do you rate whether the result was accurate and complete?'
			],
			[
				'Ông/Bà đánh giá thế nào về sự công bằng trong giải quyết hồ sơ của Ông/Bà?',
				'How do you rate the fairness with which your dossier was handled?'
			]
		]
	},
	{
		group: 'feedback',
		title: {
			vi: 'V. Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị',
			en: 'V. Handling of comments, complaints and petitions'
		},
		items: [
			[
				'Ông/Bà đánh giá thế nào về việc gửi góp ý, phản ánh, kiến nghị: dễ dàng, thuận tiện?',
				'How do you rate how easy it is to send a comment, complaint or petition?'
			],
			[
				'Ông/Bà đánh giá thế nào về việc góp ý, phản ánh, kiến nghị được tiếp nhận và xử lý đúng quy định?',
				'How do you rate whether comments, complaints and petitions are handled according to the rules?'
			],
			[
				'Ông/Bà đánh giá thế nào về việc kết quả xử lý góp ý, phản ánh, kiến nghị được thông báo kịp thời?',
				'How do you rate whether you were told the outcome of your feedback in time?'
			]
		]
	}
];

function sipas(): SurveyDefinition {
	const questions: Question[] = [
		mainRating(scale5(), 4, {
			vi: 'Nhìn chung, Ông/Bà hài lòng thế nào về sự phục vụ của cơ quan?',
			en: 'Overall, how satisfied are you with the service of this office?'
		}),
		// Below "Hài lòng", the "why" chips come first, as at the desk (issue 14); the SIPAS
		// criteria follow for those who want to say more.
		{
			key: 'reasons',
			type: 'multi_choice',
			prompt: { vi: 'Điều gì khiến Ông/Bà chưa hài lòng?', en: 'What left you dissatisfied?' },
			options: DESK_REASONS.map((r) => ({ ...r, label: { ...r.label } })),
			showWhen: { question: 'satisfaction', op: 'lte', value: 3 }
		}
	];
	const sections: NonNullable<SurveyDefinition['sections']> = [];
	SIPAS_GROUPS.forEach((g, gi) => {
		const keys = g.items.map((_, ii) => `sipas_${gi + 1}_${ii + 1}`);
		// Items stay optional: a resident who never sent a complaint cannot judge group V.
		g.items.forEach(([vi, en], ii) => {
			questions.push({
				key: keys[ii],
				type: 'rating',
				prompt: { vi, en },
				levels: scale5(),
				satisfiedFrom: 4,
				group: g.group
			});
		});
		sections.push({ key: `sipas_${gi + 1}`, title: { ...g.title }, questionKeys: keys });
	});
	questions.push(comment());
	return {
		schemaVersion: 1,
		title: { vi: 'Khảo sát mức độ hài lòng của người dân', en: 'Resident satisfaction survey' },
		mainQuestion: 'satisfaction',
		questions,
		sections
	};
}

/** A fresh copy every call, so an editor can change it without touching the template. */
export function templateDefinition(id: TemplateId): SurveyDefinition {
	switch (id) {
		case 'desk3':
			return {
				schemaVersion: 1,
				title: { vi: 'Đánh giá sự phục vụ tại quầy', en: 'Rating of the service at the desk' },
				mainQuestion: 'satisfaction',
				questions: desk(scale3(), 2, 1)
			};
		case 'desk4':
			return {
				schemaVersion: 1,
				title: { vi: 'Đánh giá sự phục vụ tại quầy', en: 'Rating of the service at the desk' },
				mainQuestion: 'satisfaction',
				// Follow-ups also after "Bình thường": a neutral answer is not a satisfied one.
				questions: desk(scale4(), 3, 2)
			};
		case 'smiley':
			return {
				schemaVersion: 1,
				title: { vi: 'Đánh giá nhanh', en: 'Quick rating' },
				mainQuestion: 'satisfaction',
				questions: [mainRating(scale3(), 2)]
			};
		case 'sipas':
			return sipas();
	}
}
