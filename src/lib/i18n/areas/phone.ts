// Messages of the phone screens. Vietnamese defines the keys; English must have every one.
// The resident pages (/s/<code>) use $lib/kiosk/messages; these are the staff side: the QR poster.
export const vi = {
	'admin.poster.title': 'Áp phích mã QR',
	'admin.poster.hint':
		'Áp phích khổ A4 để dán tại quầy. Người dân quét mã bằng điện thoại để gửi ý kiến về quầy này.',
	'admin.poster.print': 'In',
	'admin.poster.back': 'Quay lại danh sách quầy',
	'admin.poster.counter': 'Quầy {n}',
	'admin.poster.invite': 'Mời Ông/Bà quét mã để đánh giá sự phục vụ',
	'admin.poster.or_open': 'Hoặc mở địa chỉ:',
	'admin.poster.qr_label': 'Mã QR dẫn tới {url}',
	'admin.poster.footer': 'Không cần cài đặt ứng dụng, không cần đăng nhập.'
} as const;

export const en: Record<keyof typeof vi, string> = {
	'admin.poster.title': 'QR code poster',
	'admin.poster.hint':
		'An A4 poster for the counter. Residents scan the code with their phone to give feedback on this counter.',
	'admin.poster.print': 'Print',
	'admin.poster.back': 'Back to the counters',
	'admin.poster.counter': 'Counter {n}',
	'admin.poster.invite': 'Please scan the code to rate our service',
	'admin.poster.or_open': 'Or open:',
	'admin.poster.qr_label': 'QR code linking to {url}',
	'admin.poster.footer': 'No app to install, no sign-in needed.'
};
