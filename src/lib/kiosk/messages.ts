/**
 * The kiosk's own words (KIOSK-UX.md), kept apart from the admin catalogue in $lib/i18n so that
 * the tablet downloads only these. Vietnamese first; English has to have every key.
 */

export type KioskLocale = 'vi' | 'en';

export const vi = {
	'kiosk.title': 'Ý Kiến – Đánh giá sự phục vụ',
	'kiosk.section': 'Bộ phận tiếp nhận và trả kết quả',
	'kiosk.counter': 'Quầy số {n}',
	'kiosk.lang_label': 'Ngôn ngữ',
	'kiosk.lang_vi': 'Tiếng Việt',
	'kiosk.lang_en': 'English',
	'kiosk.listen': 'Nghe',
	'kiosk.listen_label': 'Nghe đọc câu hỏi',
	'kiosk.faces_label': 'Chọn một mức đánh giá',
	'kiosk.wait': 'Xin Ông/Bà vui lòng chờ trong giây lát.',
	'kiosk.skip': 'Bỏ qua',
	'kiosk.send': 'Gửi',
	'kiosk.officer_unknown': 'Không nhớ / Bỏ qua',
	'kiosk.officer_counter': 'Quầy {n}',
	'kiosk.multi_hint': 'Có thể chọn nhiều ý.',
	'kiosk.comment_hint': 'Chạm vào ô để hiện bàn phím.',
	'kiosk.phone_label': 'Số điện thoại',
	'kiosk.phone_invalid': 'Số điện thoại chưa đúng. Ví dụ: 0912 345 678.',
	'kiosk.phone_needs_consent': 'Số điện thoại chỉ được lưu khi Ông/Bà đánh dấu vào ô đồng ý.',
	'kiosk.consent_ask': 'Ông/Bà có đồng ý để cơ quan gọi lại theo số điện thoại này không?',
	'kiosk.consent_agree': 'Đồng ý và gửi',
	'kiosk.consent_without': 'Gửi, không kèm số điện thoại',
	'kiosk.ends_in': 'Tự kết thúc sau {n} giây',
	'kiosk.thanks': 'Cảm ơn Ông/Bà đã góp ý. Chúc Ông/Bà một ngày tốt lành.',
	'kiosk.back_in': 'Quay lại sau {n} giây',
	'kiosk.inactive': 'Thiết bị chưa được kích hoạt. Vui lòng liên hệ cán bộ tại quầy.',
	'kiosk.loading': 'Đang tải…',
	'pair.title': 'Ghép nối thiết bị',
	'pair.intro': 'Nhập mã ghép nối do quản trị viên cấp cho thiết bị này.',
	'pair.code_label': 'Mã ghép nối (dạng XXXX-XXXX)',
	'pair.submit': 'Ghép nối',
	'pair.working': 'Đang ghép nối…',
	'pair.invalid_format': 'Mã gồm 8 ký tự, dạng XXXX-XXXX.',
	'pair.invalid_code': 'Mã không đúng, đã được dùng hoặc đã hết hạn.',
	'pair.throttled': 'Nhập sai quá nhiều lần. Vui lòng thử lại sau {n} phút.',
	'pair.offline': 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.',
	'pair.failed': 'Chưa ghép nối được. Vui lòng thử lại.',
	'staff.open': 'Bảng trạng thái dành cho cán bộ',
	'staff.title': 'Trạng thái thiết bị',
	'staff.device': 'Thiết bị',
	'staff.unit': 'Đơn vị',
	'staff.pending': 'Đang chờ gửi: {n} ý kiến',
	'staff.rejected': 'Máy chủ không nhận: {n} ý kiến (được giữ lại trên máy)',
	'staff.last_sync': 'Đồng bộ lần cuối: {when}',
	'staff.never': 'chưa đồng bộ',
	'staff.today': '{time} hôm nay',
	'staff.version': 'Phiên bản ứng dụng: {v}',
	'staff.test': 'Kiểm tra kết nối',
	'staff.testing': 'Đang kiểm tra…',
	'staff.ok': 'Kết nối tốt.',
	'staff.offline': 'Không kết nối được máy chủ.',
	'staff.not_active': 'Máy chủ không nhận thiết bị này (chưa ghép nối hoặc đã bị thu hồi).',
	'staff.no_survey': 'Đơn vị chưa có khảo sát cho kiosk. Vui lòng báo quản trị viên.',
	'staff.close': 'Đóng',
	'staff.repair': 'Ghép nối lại thiết bị',
	'phone.title': 'Đánh giá sự phục vụ',
	'phone.where': 'Ý kiến của Ông/Bà được gửi tới',
	'phone.counter': 'Quầy {n}',
	'phone.more_title': 'Ông/Bà có muốn cho biết thêm?',
	'phone.more_hint': 'Không bắt buộc. Ông/Bà có thể bấm “Bỏ qua”.',
	'phone.sections_hint': 'Các câu hỏi dưới đây không bắt buộc. Ông/Bà trả lời câu nào cũng được.',
	'phone.rating_chosen': 'Ông/Bà đã chọn: {level}',
	'phone.progress': 'Trang {n}/{total}',
	'phone.next': 'Tiếp tục',
	'phone.nps_low': '0 = chắc chắn không',
	'phone.nps_high': '10 = chắc chắn có',
	'phone.error_summary': 'Vui lòng xem lại các ô được đánh dấu bên dưới.',
	'phone.error_required': 'Vui lòng chọn một mức đánh giá.',
	'phone.error_invalid': 'Câu trả lời chưa hợp lệ. Vui lòng chọn lại.',
	'phone.error_too_long': 'Nội dung quá dài. Vui lòng viết ngắn hơn.',
	'phone.error_failed': 'Chưa gửi được ý kiến. Vui lòng thử lại.',
	'phone.error_failed_kept':
		'Chưa gửi được ý kiến. Những gì Ông/Bà đã nhập vẫn còn đây, vui lòng bấm "Gửi" lại sau ít phút.',
	'phone.already': 'Ông/Bà đã gửi ý kiến cho quầy này hôm nay. Xin cảm ơn.',
	'phone.no_survey': 'Quầy này chưa nhận ý kiến qua điện thoại. Xin cảm ơn Ông/Bà.',
	'phone.not_found_title': 'Không tìm thấy trang đánh giá',
	'phone.not_found':
		'Mã này không đúng hoặc đã ngừng sử dụng. Vui lòng quét lại mã QR tại quầy hoặc hỏi cán bộ.',
	'phone.error_title': 'Trang tạm thời chưa dùng được',
	'phone.error_text': 'Xin lỗi Ông/Bà. Vui lòng thử lại sau ít phút.'
} as const;

export type KioskMessageKey = keyof typeof vi;

export const en: Record<KioskMessageKey, string> = {
	'kiosk.title': 'Ý Kiến – Rate our service',
	'kiosk.section': 'Reception and result-return section',
	'kiosk.counter': 'Counter {n}',
	'kiosk.lang_label': 'Language',
	'kiosk.lang_vi': 'Tiếng Việt',
	'kiosk.lang_en': 'English',
	'kiosk.listen': 'Listen',
	'kiosk.listen_label': 'Read the question aloud',
	'kiosk.faces_label': 'Choose one rating',
	'kiosk.wait': 'Please wait a moment.',
	'kiosk.skip': 'Skip',
	'kiosk.send': 'Send',
	'kiosk.officer_unknown': 'I do not remember / Skip',
	'kiosk.officer_counter': 'Counter {n}',
	'kiosk.multi_hint': 'You may choose more than one.',
	'kiosk.comment_hint': 'Touch the box to show the keyboard.',
	'kiosk.phone_label': 'Phone number',
	'kiosk.phone_invalid': 'This phone number is not valid. For example: 0912 345 678.',
	'kiosk.phone_needs_consent': 'The number is kept only if you tick the consent box.',
	'kiosk.consent_ask': 'Do you agree that we call you back at this number?',
	'kiosk.consent_agree': 'Agree and send',
	'kiosk.consent_without': 'Send without the number',
	'kiosk.ends_in': 'Ends by itself in {n} seconds',
	'kiosk.thanks': 'Thank you for your feedback. Have a good day.',
	'kiosk.back_in': 'Back in {n} seconds',
	'kiosk.inactive': 'This device is not active. Please ask the staff at the counter.',
	'kiosk.loading': 'Loading…',
	'pair.title': 'Pair this device',
	'pair.intro': 'Enter the pairing code an administrator issued for this device.',
	'pair.code_label': 'Pairing code (XXXX-XXXX)',
	'pair.submit': 'Pair',
	'pair.working': 'Pairing…',
	'pair.invalid_format': 'The code has 8 characters: XXXX-XXXX.',
	'pair.invalid_code': 'The code is wrong, already used or expired.',
	'pair.throttled': 'Too many wrong codes. Please try again in {n} minutes.',
	'pair.offline': 'The server cannot be reached. Check the network and try again.',
	'pair.failed': 'Pairing did not work. Please try again.',
	'staff.open': 'Status panel for staff',
	'staff.title': 'Device status',
	'staff.device': 'Device',
	'staff.unit': 'Unit',
	'staff.pending': 'Waiting to be sent: {n} responses',
	'staff.rejected': 'Refused by the server: {n} responses (kept on this device)',
	'staff.last_sync': 'Last sync: {when}',
	'staff.never': 'never',
	'staff.today': '{time} today',
	'staff.version': 'App version: {v}',
	'staff.test': 'Test connection',
	'staff.testing': 'Testing…',
	'staff.ok': 'The connection works.',
	'staff.offline': 'The server cannot be reached.',
	'staff.not_active': 'The server does not accept this device (not paired or revoked).',
	'staff.no_survey': 'The unit has no kiosk survey yet. Please tell an administrator.',
	'staff.close': 'Close',
	'staff.repair': 'Pair this device again',
	'phone.title': 'Rate our service',
	'phone.where': 'Your feedback goes to',
	'phone.counter': 'Counter {n}',
	'phone.more_title': 'Would you like to tell us more?',
	'phone.more_hint': 'Optional. You may press “Skip”.',
	'phone.sections_hint': 'The questions below are optional. Answer any you like.',
	'phone.rating_chosen': 'You chose: {level}',
	'phone.progress': 'Page {n}/{total}',
	'phone.next': 'Next',
	'phone.nps_low': '0 = certainly not',
	'phone.nps_high': '10 = certainly',
	'phone.error_summary': 'Please check the marked fields below.',
	'phone.error_required': 'Please choose a rating.',
	'phone.error_invalid': 'This answer is not valid. Please choose again.',
	'phone.error_too_long': 'This text is too long. Please write less.',
	'phone.error_failed': 'Your feedback could not be sent. Please try again.',
	'phone.error_failed_kept':
		'Your feedback could not be sent. What you entered is still here; please press "Send" again in a few minutes.',
	'phone.already': 'You have already sent feedback for this counter today. Thank you.',
	'phone.no_survey': 'This counter does not take feedback by phone yet. Thank you.',
	'phone.not_found_title': 'Survey page not found',
	'phone.not_found':
		'This code is wrong or no longer in use. Please scan the QR code at the counter again or ask the staff.',
	'phone.error_title': 'This page is not available right now',
	'phone.error_text': 'We are sorry. Please try again in a few minutes.'
};

const catalogues: Record<KioskLocale, Record<KioskMessageKey, string>> = { vi, en };

export type KioskTranslate = (
	key: KioskMessageKey,
	params?: Record<string, string | number>
) => string;

export function kioskTranslator(locale: KioskLocale): KioskTranslate {
	return (key, params = {}) =>
		catalogues[locale][key].replace(/\{(\w+)\}/g, (_, name: string) =>
			name in params ? String(params[name]) : `{${name}}`
		);
}

/** Survey texts carry an optional English; a missing translation falls back to Vietnamese. */
export function localized(text: { vi: string; en?: string }, locale: KioskLocale): string {
	return locale === 'en' && text.en ? text.en : text.vi;
}
