// Messages of the working calendar screen. Vietnamese defines the keys; English must have every one.
export const vi = {
	'admin.nav.calendar': 'Lịch làm việc',
	'admin.calendar.intro':
		'Thời hạn xử lý phản hồi tính theo ngày làm việc: thứ Hai đến thứ Sáu, trừ các ngày nghỉ lễ, Tết và cộng các ngày làm bù theo thông báo hằng năm của Chính phủ. Nhập các ngày đó tại đây khi có thông báo.',
	'admin.calendar.add_heading': 'Thêm ngày',
	'admin.calendar.date': 'Ngày',
	'admin.calendar.kind': 'Loại ngày',
	'admin.calendar.kind_off': 'Ngày nghỉ (lễ, Tết, nghỉ bù)',
	'admin.calendar.kind_work': 'Ngày làm bù (thứ Bảy hoặc Chủ nhật đi làm)',
	'admin.calendar.name': 'Tên gọi',
	'admin.calendar.name_hint': 'Ví dụ: Tết Nguyên đán, Giỗ Tổ Hùng Vương, làm bù cho ngày 2/1.',
	'admin.calendar.add': 'Thêm',
	'admin.calendar.year_label': 'Năm',
	'admin.calendar.year_show': 'Xem',
	'admin.calendar.caption': 'Các ngày đã nhập trong năm {year}',
	'admin.calendar.count': '{off} ngày nghỉ, {work} ngày làm bù',
	'admin.calendar.empty':
		'Chưa nhập ngày nào cho năm {year}: thời hạn đang tính thứ Hai đến thứ Sáu.',
	'admin.calendar.col_date': 'Ngày',
	'admin.calendar.col_weekday': 'Thứ',
	'admin.calendar.col_kind': 'Loại',
	'admin.calendar.col_name': 'Tên gọi',
	'admin.calendar.col_action': 'Thao tác',
	'admin.calendar.remove': 'Xóa',
	'admin.calendar.remove_label': 'Xóa ngày {date}',
	'admin.calendar.done.added': 'Đã thêm ngày {date}.',
	'admin.calendar.done.moved':
		'{n} phản hồi đang mở có hạn xử lý được tính lại theo lịch mới (ghi trong lịch sử xử lý của từng phản hồi).',
	'admin.calendar.done.removed': 'Đã xóa ngày {date}.',
	'admin.calendar.other_years': 'Các năm đã có ngày nhập:',
	'admin.calendar.note_existing':
		'Khi lịch thay đổi, hạn xử lý của các phản hồi đang mở được tính lại theo lịch mới, trừ hạn do lãnh đạo tự đặt.',
	'admin.calendar.err_date': 'Vui lòng nhập ngày hợp lệ.',
	'admin.calendar.err_year': 'Năm phải từ {first} đến {last}.',
	'admin.calendar.err_kind': 'Vui lòng chọn loại ngày.',
	'admin.calendar.err_name': 'Vui lòng nhập tên gọi (tối đa 100 ký tự).',
	'admin.calendar.err_off_weekend':
		'Ngày này là thứ Bảy hoặc Chủ nhật, vốn đã là ngày nghỉ. Nếu nghỉ bù, hãy nhập ngày thứ Hai đến thứ Sáu được nghỉ.',
	'admin.calendar.err_work_weekday':
		'Ngày làm bù phải là thứ Bảy hoặc Chủ nhật; thứ Hai đến thứ Sáu vốn là ngày làm việc.',
	'admin.calendar.err_taken': 'Ngày này đã có trong lịch. Xóa ngày cũ trước nếu muốn đổi.',
	'admin.calendar.err_remove': 'Không xóa được: ngày này không còn trong lịch.'
};

export const en: Record<keyof typeof vi, string> = {
	'admin.nav.calendar': 'Working calendar',
	'admin.calendar.intro':
		'Follow-up deadlines count working days: Monday to Friday, less the public holidays and Tết, plus the weekend days worked in exchange, as the government announces them each year. Enter those days here when they are announced.',
	'admin.calendar.add_heading': 'Add a day',
	'admin.calendar.date': 'Date',
	'admin.calendar.kind': 'Kind of day',
	'admin.calendar.kind_off': 'Day off (holiday, Tết, day off in lieu)',
	'admin.calendar.kind_work': 'Day worked in exchange (a Saturday or Sunday)',
	'admin.calendar.name': 'Name',
	'admin.calendar.name_hint': 'For example: Lunar New Year, Hùng Kings’ Day, worked for 2 January.',
	'admin.calendar.add': 'Add',
	'admin.calendar.year_label': 'Year',
	'admin.calendar.year_show': 'Show',
	'admin.calendar.caption': 'Days entered for {year}',
	'admin.calendar.count': '{off} days off, {work} days worked in exchange',
	'admin.calendar.empty': 'No days entered for {year}: deadlines count Monday to Friday.',
	'admin.calendar.col_date': 'Date',
	'admin.calendar.col_weekday': 'Weekday',
	'admin.calendar.col_kind': 'Kind',
	'admin.calendar.col_name': 'Name',
	'admin.calendar.col_action': 'Action',
	'admin.calendar.remove': 'Remove',
	'admin.calendar.remove_label': 'Remove {date}',
	'admin.calendar.done.added': 'Added {date}.',
	'admin.calendar.done.moved':
		'{n} open cases had their deadline worked out again by the new calendar (recorded in each case’s history).',
	'admin.calendar.done.removed': 'Removed {date}.',
	'admin.calendar.other_years': 'Years with days entered:',
	'admin.calendar.note_existing':
		'When the calendar changes, the deadlines of open cases are worked out again by it, except deadlines a leader set by hand.',
	'admin.calendar.err_date': 'Please enter a valid date.',
	'admin.calendar.err_year': 'The year must be between {first} and {last}.',
	'admin.calendar.err_kind': 'Please choose the kind of day.',
	'admin.calendar.err_name': 'Please enter a name (at most 100 characters).',
	'admin.calendar.err_off_weekend':
		'This date is a Saturday or Sunday, already a day off. For a day off in lieu, enter the weekday that is off.',
	'admin.calendar.err_work_weekday':
		'A day worked in exchange must be a Saturday or Sunday; Monday to Friday are working days already.',
	'admin.calendar.err_taken': 'This date is already in the calendar. Remove it first to change it.',
	'admin.calendar.err_remove': 'Could not remove: this date is no longer in the calendar.'
};
