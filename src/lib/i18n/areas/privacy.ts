// Messages of the personal-data screen (a resident's phone number on request). Vietnamese defines
// the keys; English must have every one.
export const vi = {
	'admin.nav.privacy': 'Dữ liệu cá nhân',
	'admin.privacy.intro':
		'Theo Nghị định 13/2023/NĐ-CP, người dân có quyền biết và yêu cầu xóa số điện thoại của mình. Tìm theo số điện thoại để xem số đó đang được lưu ở đâu (phản hồi, ghi chú xử lý, góp ý), rồi xóa ở tất cả các nơi. Nhật ký chỉ ghi số lượng, không ghi số điện thoại.',
	'admin.privacy.phone': 'Số điện thoại của người dân',
	'admin.privacy.phone_hint': 'Ví dụ: 0912 345 678 hoặc +84 912 345 678.',
	'admin.privacy.search': 'Tìm',
	'admin.privacy.err_phone': 'Vui lòng nhập số di động Việt Nam gồm 10 chữ số, ví dụ 0912 345 678.',
	'admin.privacy.found_heading': 'Dữ liệu đang lưu về số {phone}',
	'admin.privacy.found_cases': 'Phản hồi người dân có số này: {n}',
	'admin.privacy.found_notes': 'Ghi chú xử lý có số này: {n}',
	'admin.privacy.found_comments': 'Góp ý có số này: {n}',
	'admin.privacy.none': 'Không có dữ liệu nào chứa số này.',
	'admin.privacy.col_unit': 'Đơn vị',
	'admin.privacy.col_date': 'Ngày gửi',
	'admin.privacy.col_status': 'Trạng thái',
	'admin.privacy.cases_caption': 'Các phản hồi có số này',
	'admin.privacy.confirm': 'Tôi xác nhận người dân đã yêu cầu xóa số điện thoại này',
	'admin.privacy.err_confirm': 'Vui lòng đánh dấu xác nhận trước khi xóa.',
	'admin.privacy.erase': 'Xóa số điện thoại ở tất cả các nơi',
	'admin.privacy.erased':
		'Đã xóa số điện thoại: {cases} phản hồi, {notes} ghi chú, {comments} góp ý. Việc xóa đã được ghi vào nhật ký (không ghi số).',
	'admin.privacy.retention_heading': 'Tự động xóa khi hết thời hạn lưu',
	'admin.privacy.retention_intro':
		'Số điện thoại được lưu 12 tháng theo sự đồng ý của người dân, sau đó hệ thống tự động xóa (kiểm tra mỗi giờ).',
	'admin.privacy.retention_last': 'Lần chạy gần nhất: {at}',
	'admin.privacy.retention_never': 'Chưa chạy lần nào.',
	'admin.privacy.retention_caption': 'Các lần tự động xóa gần đây',
	'admin.privacy.col_run_at': 'Thời điểm',
	'admin.privacy.col_run_erased': 'Số điện thoại đã xóa',
	'admin.privacy.retention_none': 'Chưa có số điện thoại nào hết thời hạn lưu.'
};

export const en: Record<keyof typeof vi, string> = {
	'admin.nav.privacy': 'Personal data',
	'admin.privacy.intro':
		'Under Decree 13/2023/NĐ-CP residents may ask what is held about their phone number and have it erased. Search by number to see where it is held (cases, case notes, comments), then erase it everywhere. The audit log records counts, never the number.',
	'admin.privacy.phone': "Resident's phone number",
	'admin.privacy.phone_hint': 'For example 0912 345 678 or +84 912 345 678.',
	'admin.privacy.search': 'Search',
	'admin.privacy.err_phone': 'Please enter a 10-digit Vietnamese mobile number, e.g. 0912 345 678.',
	'admin.privacy.found_heading': 'Data held about {phone}',
	'admin.privacy.found_cases': 'Follow-up cases with this number: {n}',
	'admin.privacy.found_notes': 'Case notes with this number: {n}',
	'admin.privacy.found_comments': 'Comments with this number: {n}',
	'admin.privacy.none': 'Nothing holds this number.',
	'admin.privacy.col_unit': 'Unit',
	'admin.privacy.col_date': 'Sent on',
	'admin.privacy.col_status': 'Status',
	'admin.privacy.cases_caption': 'Cases with this number',
	'admin.privacy.confirm': 'I confirm the resident asked for this number to be erased',
	'admin.privacy.err_confirm': 'Please tick the confirmation before erasing.',
	'admin.privacy.erase': 'Erase the number everywhere',
	'admin.privacy.erased':
		'Number erased: {cases} cases, {notes} notes, {comments} comments. The erasure is in the audit log (without the number).',
	'admin.privacy.retention_heading': 'Erasure when the retention ends',
	'admin.privacy.retention_intro':
		'Phone numbers are kept for 12 months under the resident’s consent, then erased automatically (checked every hour).',
	'admin.privacy.retention_last': 'Last run: {at}',
	'admin.privacy.retention_never': 'Not run yet.',
	'admin.privacy.retention_caption': 'Recent automatic erasures',
	'admin.privacy.col_run_at': 'When',
	'admin.privacy.col_run_erased': 'Numbers erased',
	'admin.privacy.retention_none': 'No phone number has reached the end of its retention yet.'
};
