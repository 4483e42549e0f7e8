import type { Rng } from './random';

/**
 * Invented people and words for the demo. Family names follow their rough frequency in the
 * Mekong Delta (Huỳnh and Võ more common than in the North; Thạch and Danh are Khmer names).
 */
const FAMILY: [string, number][] = [
	['Nguyễn', 36],
	['Trần', 11],
	['Lê', 9],
	['Phạm', 6],
	['Huỳnh', 6],
	['Võ', 5],
	['Phan', 4],
	['Trương', 3],
	['Đặng', 2],
	['Bùi', 2],
	['Ngô', 2],
	['Hồ', 2],
	['Dương', 2],
	['Lý', 2],
	['Đỗ', 2],
	['Lâm', 1],
	['Châu', 1],
	['Thạch', 1],
	['Danh', 1]
];
const MIDDLE_MALE = ['Văn', 'Văn', 'Văn', 'Minh', 'Hoàng', 'Quốc', 'Thanh', 'Hữu', 'Công', 'Chí'];
const MIDDLE_FEMALE = ['Thị', 'Thị', 'Thị', 'Ngọc', 'Thanh', 'Kim', 'Thúy', 'Mỹ', 'Hồng', 'Bích'];
const GIVEN_MALE = [
	'Hùng',
	'Dũng',
	'Tuấn',
	'Phúc',
	'Khang',
	'Lộc',
	'Tài',
	'Trung',
	'Nghĩa',
	'Thắng',
	'Hải',
	'Long',
	'Bình',
	'Toàn',
	'Tâm',
	'Phong',
	'Sang',
	'Vinh',
	'Hiếu',
	'Nhân'
];
const GIVEN_FEMALE = [
	'Lan',
	'Hương',
	'Trang',
	'Thảo',
	'Ngân',
	'Nhung',
	'Diễm',
	'Phượng',
	'Yến',
	'Như',
	'Thu',
	'Hạnh',
	'Mai',
	'Loan',
	'Tuyết',
	'Linh',
	'Hằng',
	'Châu',
	'Trinh',
	'Vy'
];

export function fullName(rng: Rng): string {
	const family = FAMILY[rng.weightedIndex(FAMILY.map(([, w]) => w))][0];
	const female = rng.chance(0.55);
	const middle = rng.pick(female ? MIDDLE_FEMALE : MIDDLE_MALE);
	const given = rng.pick(female ? GIVEN_FEMALE : GIVEN_MALE);
	return `${family} ${middle} ${given}`;
}

/** Comments after "Không hài lòng", each tied to the reason it explains. */
export const UNHAPPY_COMMENTS: Record<string, string[]> = {
	wait: [
		'Chờ quá lâu, hơn 1 tiếng mới đến lượt.',
		'Sáng thứ Hai đông người mà chỉ có một quầy làm việc.',
		'Lấy số thứ tự rồi mà vẫn có người chen ngang.',
		'Đến từ 7 giờ nhưng 9 giờ rưỡi mới được tiếp.',
		'Cán bộ đi họp, để người dân ngồi chờ cả buổi.',
		'Nên bố trí thêm người vào buổi sáng, chờ lâu quá.'
	],
	attitude: [
		'Cán bộ nói chuyện cộc lốc, không giải thích.',
		'Hỏi lại lần thứ hai thì cán bộ tỏ ra khó chịu.',
		'Cán bộ vừa làm vừa dùng điện thoại.',
		'Thái độ chưa tôn trọng người lớn tuổi.',
		'Cán bộ bảo ra ngoài chờ mà không nói chờ bao lâu.'
	],
	guidance: [
		'Hướng dẫn không rõ, phải về nhà lấy thêm giấy tờ.',
		'Không được nói trước là cần bản sao có chứng thực.',
		'Mẫu đơn khó hiểu, không có ai hướng dẫn cách ghi.',
		'Mỗi người chỉ một kiểu, không biết theo ai.',
		'Xin hướng dẫn bằng văn bản để khỏi đi lại nhiều lần.'
	],
	resubmit: [
		'Đây là lần thứ ba tôi phải bổ sung hồ sơ.',
		'Lần trước không nói thiếu giấy này, giờ mới nói.',
		'Phải đi lại nhiều lần chỉ vì sai một chữ trong tờ khai.',
		'Hồ sơ đất đai bị trả lại hai lần mà không ghi rõ lý do.',
		'Nhà ở xa, đi lại bổ sung hồ sơ rất tốn kém.'
	],
	late: [
		'Hẹn trả kết quả hôm nay nhưng chưa có.',
		'Trễ hẹn một tuần mà không ai báo trước.',
		'Giấy chứng nhận quyền sử dụng đất trễ hẹn gần một tháng.',
		'Đến nhận kết quả thì được bảo quay lại tuần sau.'
	],
	fees: [
		'Không biết phải nộp lệ phí bao nhiêu, không thấy niêm yết.',
		'Thu phí sao chụp mà không có biên lai.',
		'Lệ phí ở đây khác với trên mạng.'
	],
	facilities: [
		'Phòng chờ nóng, quạt hư mà chưa sửa.',
		'Không có chỗ ngồi, người già phải đứng chờ.',
		'Máy lấy số thứ tự hư mấy ngày rồi.',
		'Nhà vệ sinh không sạch sẽ.',
		'Chỗ để xe chật, trời mưa không có mái che.'
	],
	other: [
		'Mạng chậm nên không tra cứu được hồ sơ.',
		'Sau khi sáp nhập không biết nộp hồ sơ ở đâu.',
		'Nên có người nói tiếng Khmer để hướng dẫn bà con.',
		'Trang dịch vụ công khó dùng, phải nhờ cán bộ làm giúp.'
	]
};

/** What residents write after a good visit (only where the survey asks them). */
export const HAPPY_COMMENTS = [
	'Cán bộ hướng dẫn tận tình.',
	'Giải quyết nhanh, đúng hẹn.',
	'Cán bộ vui vẻ, nhiệt tình, cảm ơn rất nhiều.',
	'Được hướng dẫn rõ ràng nên chỉ đi một lần là xong.',
	'Nơi làm việc sạch sẽ, có nước uống cho người dân.',
	'Cán bộ hỗ trợ người lớn tuổi rất chu đáo.',
	'Nhận kết quả sớm hơn ngày hẹn.',
	'Thủ tục nhanh gọn, không phải chờ lâu.'
];

export const NEUTRAL_COMMENTS = [
	'Tạm được, nhưng nên niêm yết lệ phí rõ hơn.',
	'Cũng được, nhưng chờ hơi lâu.',
	'Nên có thêm bảng hướng dẫn thủ tục.'
];

/** A follow-up officer's notes, by the status the note moves the case to. */
export const CONTACT_NOTES = [
	'Đã gọi điện cho người dân, ghi nhận ý kiến và hẹn trả lời trong tuần.',
	'Đã liên hệ qua điện thoại; người dân cho biết phải chờ lâu vào buổi sáng.',
	'Gọi lần đầu không liên lạc được, buổi chiều gọi lại và đã trao đổi.',
	'Đã trao đổi với người dân, đang xác minh với công chức quầy.'
];

export const RESOLVED_NOTES = [
	'Đã nhắc nhở công chức về thái độ phục vụ; người dân đồng ý với cách giải quyết.',
	'Đã hướng dẫn lại thành phần hồ sơ; người dân đã nộp bổ sung và nhận kết quả.',
	'Bố trí thêm một công chức tiếp nhận sáng thứ Hai; đã thông báo cho người dân.',
	'Đã xin lỗi người dân về việc trễ hẹn và trả kết quả ngay trong ngày.',
	'Đã sửa quạt và bổ sung ghế chờ; đã gọi báo lại cho người dân.',
	'Đã niêm yết lại mức phí, lệ phí tại quầy và giải thích cho người dân.'
];
