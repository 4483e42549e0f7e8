// Messages of the survey management screens (list, create, import, one survey's versions and
// assignments). The builder's own messages are in ./surveys.ts. Vietnamese defines the keys;
// English must have every one.
export const vi = {
	'admin.nav.surveys': 'Khảo sát',
	'admin.survey_admin.intro':
		'Phiếu khảo sát là bộ câu hỏi người dân trả lời trên kiosk tại quầy hoặc trên điện thoại. Mỗi lần xuất bản tạo một phiên bản không thay đổi được; phiếu được giao cho đơn vị theo kênh và thời gian.',
	'admin.survey_admin.count': '{n} phiếu khảo sát',
	'admin.survey_admin.caption': 'Danh sách phiếu khảo sát, mới tạo trước',
	'admin.survey_admin.empty': 'Chưa có phiếu khảo sát nào.',
	'admin.survey_admin.col_name': 'Tên phiếu',
	'admin.survey_admin.col_code': 'Mã',
	'admin.survey_admin.col_owner': 'Đơn vị sở hữu',
	'admin.survey_admin.col_version': 'Phiên bản mới nhất',
	'admin.survey_admin.col_draft': 'Bản nháp',
	'admin.survey_admin.col_in_force': 'Số nơi đang áp dụng',
	'admin.survey_admin.shared': 'Dùng chung',
	'admin.survey_admin.archived': 'Đã lưu trữ',
	'admin.survey_admin.not_published': 'Chưa xuất bản',
	'admin.survey_admin.version_n': 'Phiên bản {n}',
	'admin.survey_admin.has_draft': 'Có bản nháp',
	'admin.survey_admin.no_draft': 'Không',
	'admin.survey_admin.create_link': 'Tạo phiếu khảo sát',
	'admin.survey_admin.import_link': 'Nhập phiếu từ tệp',
	'admin.survey_admin.form_not_saved':
		'Chưa lưu được. Vui lòng sửa các mục được đánh dấu bên dưới.',
	'admin.survey_admin.form_choose': '— Chọn —',

	'admin.survey_admin.create_heading': 'Tạo phiếu khảo sát',
	'admin.survey_admin.create_intro':
		'Phiếu mới là một bản nháp dựng từ mẫu đã chọn. Sửa bản nháp, xuất bản, rồi giao phiếu cho đơn vị.',
	'admin.survey_admin.field_name': 'Tên phiếu khảo sát',
	'admin.survey_admin.field_name_hint':
		'Tên để cán bộ nhận biết phiếu, ví dụ “Đánh giá tại quầy năm 2027”. Người dân thấy tiêu đề trong bản nháp, không thấy tên này.',
	'admin.survey_admin.field_start': 'Bắt đầu từ mẫu',
	'admin.survey_admin.start_hint.desk3':
		'Câu hỏi chính 3 mức (Rất hài lòng, Hài lòng, Không hài lòng); lý do, góp ý và số điện thoại chỉ hỏi khi người dân chưa hài lòng.',
	'admin.survey_admin.start_hint.desk4':
		'Như mẫu 3 mức, thêm mức “Bình thường”; câu hỏi tiếp theo hiện từ mức “Bình thường” trở xuống.',
	'admin.survey_admin.start_hint.smiley': 'Một lần chạm là xong: chỉ một câu hỏi 3 mặt cười.',
	'admin.survey_admin.start_hint.sipas':
		'Câu hỏi chung và 19 tiêu chí trong 5 nhóm theo phương pháp SIPAS, 5 mức; hợp với khảo sát định kỳ qua điện thoại.',
	'admin.survey_admin.start_blank': 'Phiếu trống',
	'admin.survey_admin.start_hint.blank':
		'Chỉ có câu hỏi đánh giá chính 3 mức (phiếu nào cũng cần một câu hỏi đánh giá); thêm câu hỏi trong bản nháp.',
	'admin.survey_admin.field_owner': 'Đơn vị sở hữu',
	'admin.survey_admin.field_owner_hint_admin':
		'Quản lý của đơn vị này và đơn vị cấp trên được sửa phiếu. Phiếu dùng chung thì mọi đơn vị xem và giao được, chỉ quản trị viên sửa.',
	'admin.survey_admin.field_owner_hint_manager':
		'Chọn một đơn vị trong phạm vi của bạn; quản lý của đơn vị đó và đơn vị cấp trên được sửa phiếu.',
	'admin.survey_admin.owner_shared': '— Dùng chung (không thuộc đơn vị nào)',
	'admin.survey_admin.create_submit': 'Tạo phiếu',
	'admin.survey_admin.error.name_required': 'Vui lòng nhập tên phiếu.',
	'admin.survey_admin.error.name_too_long': 'Tên phiếu dài tối đa 200 ký tự.',
	'admin.survey_admin.error.name_unsafe':
		'Tên phiếu không được chứa dấu < > hoặc ký tự điều khiển.',
	'admin.survey_admin.error.start_required': 'Vui lòng chọn một mẫu.',
	'admin.survey_admin.error.owner_required': 'Vui lòng chọn đơn vị sở hữu.',
	'admin.survey_admin.error.owner_invalid': 'Đơn vị này không thuộc phạm vi của bạn.',

	'admin.survey_admin.import_heading': 'Nhập phiếu từ tệp JSON',
	'admin.survey_admin.import_intro':
		'Tệp do Ý Kiến xuất ra (định dạng “ykien-survey”, phiên bản định dạng 1). Nội dung tệp trở thành bản nháp của một phiếu mới với mã mới; hãy xem lại rồi mới xuất bản.',
	'admin.survey_admin.field_file': 'Tệp JSON',
	'admin.survey_admin.field_file_hint': 'Tối đa 256 KB.',
	'admin.survey_admin.import_submit': 'Nhập phiếu',
	'admin.survey_admin.import_problems': 'Tệp có {n} lỗi nên chưa nhập được:',
	'admin.survey_admin.import_problems_paths':
		'Mỗi dòng ghi vị trí trong tệp (trong “definition” nếu không ghi khác) và lỗi.',
	'admin.survey_admin.import.file_required': 'Vui lòng chọn tệp.',
	'admin.survey_admin.import.too_large': 'Tệp lớn hơn 256 KB nên không được đọc.',
	'admin.survey_admin.import.empty': 'Tệp rỗng.',
	'admin.survey_admin.import.not_utf8': 'Tệp không phải văn bản UTF-8.',
	'admin.survey_admin.import.not_json': 'Tệp không phải JSON hợp lệ.',
	'admin.survey_admin.import.not_object':
		'Tệp phải là một đối tượng JSON { … } theo định dạng “ykien-survey”.',
	'admin.survey_admin.import.wrong_format':
		'Tệp không phải phiếu khảo sát Ý Kiến: trường “format” phải là “ykien-survey”.',
	'admin.survey_admin.import.wrong_format_version':
		'Phiên bản định dạng không được hỗ trợ: trường “formatVersion” phải là 1.',
	'admin.survey_admin.import.invalid': 'Nội dung tệp không hợp lệ.',
	'admin.survey_admin.done_created': 'Đã tạo phiếu khảo sát. Bản nháp sẵn sàng để soạn.',
	'admin.survey_admin.done_imported': 'Đã nhập phiếu từ tệp thành bản nháp của phiếu mới.',

	'admin.survey_admin.details_heading': 'Thông tin phiếu',
	'admin.survey_admin.template': 'Mẫu ban đầu',
	'admin.survey_admin.template_none': 'Không dùng mẫu',
	'admin.survey_admin.created_at': 'Ngày tạo',
	'admin.survey_admin.versions_heading': 'Các phiên bản đã xuất bản',
	'admin.survey_admin.versions_intro':
		'Phiên bản đã xuất bản không thay đổi được; mỗi câu trả lời ghi lại phiên bản người dân đã trả lời.',
	'admin.survey_admin.versions_empty':
		'Chưa xuất bản phiên bản nào, nên chưa thể giao phiếu cho đơn vị.',
	'admin.survey_admin.versions_caption': 'Phiên bản, mới nhất trước',
	'admin.survey_admin.col_published_at': 'Xuất bản lúc',
	'admin.survey_admin.col_published_by': 'Người xuất bản',
	'admin.survey_admin.col_questions': 'Số câu hỏi',
	'admin.survey_admin.col_file': 'Tệp JSON',
	'admin.survey_admin.export_version': 'Tải phiên bản {n}',
	'admin.survey_admin.unknown_user': 'Hệ thống',
	'admin.survey_admin.draft_heading': 'Bản nháp',
	'admin.survey_admin.draft_exists': 'Có bản nháp chưa xuất bản ({n} câu hỏi).',
	'admin.survey_admin.draft_none':
		'Không có bản nháp. Tạo bản nháp mới từ phiên bản mới nhất để sửa phiếu.',
	'admin.survey_admin.draft_edit': 'Sửa bản nháp',
	'admin.survey_admin.draft_new': 'Tạo bản nháp mới',
	'admin.survey_admin.draft_export': 'Tải bản nháp (JSON)',
	'admin.survey_admin.draft_read_only':
		'Chỉ quản trị viên (với phiếu dùng chung) hoặc quản lý của đơn vị sở hữu được sửa phiếu này.',

	'admin.survey_admin.assignments_heading': 'Nơi áp dụng',
	'admin.survey_admin.levels_rule':
		'Phiếu giao cho đơn vị cấp dưới được dùng thay cho phiếu giao cho đơn vị cấp trên, trong phạm vi đơn vị cấp dưới đó. Vì vậy phiếu ở hai cấp khác nhau không xung đột; chỉ hai lần giao trên cùng một đơn vị, cùng kênh, trùng ngày mới bị từ chối.',
	'admin.survey_admin.assignments_caption': 'Các lần giao phiếu, mới bắt đầu trước',
	'admin.survey_admin.assignments_empty':
		'Phiếu chưa được giao cho đơn vị nào trong phạm vi của bạn.',
	'admin.survey_admin.col_unit': 'Đơn vị',
	'admin.survey_admin.col_channel': 'Kênh',
	'admin.survey_admin.col_from': 'Từ ngày',
	'admin.survey_admin.col_to': 'Đến hết ngày',
	'admin.survey_admin.col_state': 'Tình trạng',
	'admin.survey_admin.col_actions': 'Thao tác',
	'admin.survey_admin.channel.kiosk': 'Kiosk tại quầy',
	'admin.survey_admin.channel.web': 'Điện thoại qua mã QR',
	'admin.survey_admin.open_end': 'Không thời hạn',
	'admin.survey_admin.state.upcoming': 'Sắp áp dụng',
	'admin.survey_admin.state.in_force': 'Đang áp dụng',
	'admin.survey_admin.state.ended': 'Đã kết thúc',
	'admin.survey_admin.managed_above': 'Do cấp trên giao',
	'admin.survey_admin.end_label': 'Kết thúc vào ngày (tại {unit}, {channel})',
	'admin.survey_admin.end_submit': 'Kết thúc',
	'admin.survey_admin.delete_submit': 'Xóa lần giao',
	'admin.survey_admin.delete_hint': 'Chưa bắt đầu nên xóa được.',

	'admin.survey_admin.assign_heading': 'Giao phiếu cho đơn vị',
	'admin.survey_admin.assign_no_version':
		'Phiếu chưa có phiên bản nào được xuất bản. Hãy xuất bản bản nháp trước khi giao phiếu.',
	'admin.survey_admin.field_unit': 'Đơn vị',
	'admin.survey_admin.field_unit_hint':
		'Phiếu áp dụng cho đơn vị này và các đơn vị trực thuộc, trừ nơi được giao phiếu khác ở cấp thấp hơn.',
	'admin.survey_admin.field_channel': 'Kênh',
	'admin.survey_admin.field_from': 'Áp dụng từ ngày',
	'admin.survey_admin.field_to': 'Đến hết ngày',
	'admin.survey_admin.field_to_hint': 'Để trống nếu chưa định ngày kết thúc.',
	'admin.survey_admin.assign_submit': 'Giao phiếu',
	'admin.survey_admin.error.unit_required': 'Vui lòng chọn đơn vị.',
	'admin.survey_admin.error.unit_not_allowed': 'Bạn không được giao phiếu cho đơn vị này.',
	'admin.survey_admin.error.channel_required': 'Vui lòng chọn kênh.',
	'admin.survey_admin.error.date_required': 'Vui lòng nhập ngày.',
	'admin.survey_admin.error.date_invalid': 'Ngày không hợp lệ.',
	'admin.survey_admin.error.no_version':
		'Phiếu chưa có phiên bản nào được xuất bản nên chưa giao được. Hãy xuất bản bản nháp trước.',
	'admin.survey_admin.error.archived': 'Phiếu đã lưu trữ nên không giao được nữa.',
	'admin.survey_admin.error.dates_reversed': 'Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.',
	'admin.survey_admin.error.starts_in_past':
		'Ngày bắt đầu không được trước hôm nay ({today}): các ngày đã qua không thay đổi được.',
	'admin.survey_admin.error.conflict':
		'Trùng thời gian với phiếu “{name}” (mã {code}) đã giao cho đơn vị này trên cùng kênh từ {from} đến {to}. Hãy kết thúc lần giao đó hoặc chọn ngày khác.',
	'admin.survey_admin.error.conflict_open':
		'Trùng thời gian với phiếu “{name}” (mã {code}) đã giao cho đơn vị này trên cùng kênh từ {from}, không thời hạn. Hãy kết thúc lần giao đó hoặc chọn ngày khác.',
	'admin.survey_admin.error.not_found': 'Không tìm thấy lần giao phiếu này.',
	'admin.survey_admin.error.end_before_start':
		'Ngày kết thúc không được trước ngày bắt đầu ({from}); lần giao chưa bắt đầu thì xóa đi.',
	'admin.survey_admin.error.end_in_past':
		'Ngày kết thúc sớm nhất là hôm qua ({date}): các ngày đã qua không thay đổi được.',
	'admin.survey_admin.error.end_after_end':
		'Chỉ rút ngắn được thời gian: ngày kết thúc không được sau {to}.',
	'admin.survey_admin.error.already_started':
		'Lần giao này đã bắt đầu nên không xóa được; hãy đặt ngày kết thúc.',
	'admin.survey_admin.done_assigned': 'Đã giao phiếu.',
	'admin.survey_admin.done_ended': 'Đã đặt ngày kết thúc cho lần giao phiếu.',
	'admin.survey_admin.done_deleted': 'Đã xóa lần giao phiếu.',

	'audit.action.survey.create': 'Tạo phiếu khảo sát',
	'audit.action.survey.import': 'Nhập phiếu khảo sát từ tệp',
	'audit.action.survey.assign': 'Giao phiếu khảo sát cho đơn vị',
	'audit.action.survey.assignment_end': 'Kết thúc lần giao phiếu khảo sát',
	'audit.action.survey.assignment_delete': 'Xóa lần giao phiếu khảo sát'
} as const;

export const en: Record<keyof typeof vi, string> = {
	'admin.nav.surveys': 'Surveys',
	'admin.survey_admin.intro':
		'A survey is the set of questions residents answer on the desk kiosk or on their phone. Each publication makes a version that never changes; surveys are assigned to units by channel and dates.',
	'admin.survey_admin.count': '{n} surveys',
	'admin.survey_admin.caption': 'Surveys, newest first',
	'admin.survey_admin.empty': 'There are no surveys yet.',
	'admin.survey_admin.col_name': 'Name',
	'admin.survey_admin.col_code': 'Code',
	'admin.survey_admin.col_owner': 'Owner unit',
	'admin.survey_admin.col_version': 'Latest version',
	'admin.survey_admin.col_draft': 'Draft',
	'admin.survey_admin.col_in_force': 'Places in force',
	'admin.survey_admin.shared': 'Shared',
	'admin.survey_admin.archived': 'Archived',
	'admin.survey_admin.not_published': 'Not published',
	'admin.survey_admin.version_n': 'Version {n}',
	'admin.survey_admin.has_draft': 'Has a draft',
	'admin.survey_admin.no_draft': 'No',
	'admin.survey_admin.create_link': 'Create a survey',
	'admin.survey_admin.import_link': 'Import from a file',
	'admin.survey_admin.form_not_saved': 'Not saved. Please correct the marked fields below.',
	'admin.survey_admin.form_choose': '— Choose —',

	'admin.survey_admin.create_heading': 'Create a survey',
	'admin.survey_admin.create_intro':
		'A new survey is a draft built from the template you choose. Edit the draft, publish it, then assign the survey to units.',
	'admin.survey_admin.field_name': 'Survey name',
	'admin.survey_admin.field_name_hint':
		'A name for staff, such as “Desk rating 2027”. Residents see the title in the draft, not this name.',
	'admin.survey_admin.field_start': 'Start from',
	'admin.survey_admin.start_hint.desk3':
		'A 3-level main question (Very satisfied, Satisfied, Dissatisfied); reasons, comment and phone number are asked only after a dissatisfied answer.',
	'admin.survey_admin.start_hint.desk4':
		'Like the 3-level template with a “Neutral” level; the follow-ups appear from “Neutral” down.',
	'admin.survey_admin.start_hint.smiley': 'One tap and done: a single question with 3 faces.',
	'admin.survey_admin.start_hint.sipas':
		'An overall question and 19 criteria in 5 groups after the SIPAS method, 5 levels; suited to a periodic survey by phone.',
	'admin.survey_admin.start_blank': 'Blank survey',
	'admin.survey_admin.start_hint.blank':
		'Only the 3-level main rating question (every survey needs one rating question); add questions in the draft.',
	'admin.survey_admin.field_owner': 'Owner unit',
	'admin.survey_admin.field_owner_hint_admin':
		'Managers of this unit and of the units above it may edit the survey. A shared survey can be seen and assigned by every unit and edited only by administrators.',
	'admin.survey_admin.field_owner_hint_manager':
		'Choose a unit of your scope; managers of that unit and of the units above it may edit the survey.',
	'admin.survey_admin.owner_shared': '— Shared (no owner unit)',
	'admin.survey_admin.create_submit': 'Create the survey',
	'admin.survey_admin.error.name_required': 'Please enter a name.',
	'admin.survey_admin.error.name_too_long': 'The name may be at most 200 characters long.',
	'admin.survey_admin.error.name_unsafe': 'The name must not contain < or > or control characters.',
	'admin.survey_admin.error.start_required': 'Please choose a template.',
	'admin.survey_admin.error.owner_required': 'Please choose the owner unit.',
	'admin.survey_admin.error.owner_invalid': 'This unit is outside your scope.',

	'admin.survey_admin.import_heading': 'Import a survey from a JSON file',
	'admin.survey_admin.import_intro':
		'A file exported by Ý Kiến (format “ykien-survey”, format version 1). Its content becomes the draft of a new survey with a new code; review it before publishing.',
	'admin.survey_admin.field_file': 'JSON file',
	'admin.survey_admin.field_file_hint': 'At most 256 KB.',
	'admin.survey_admin.import_submit': 'Import',
	'admin.survey_admin.import_problems': 'The file has {n} problems, so it was not imported:',
	'admin.survey_admin.import_problems_paths':
		'Each line gives the place in the file (inside “definition” unless said otherwise) and the problem.',
	'admin.survey_admin.import.file_required': 'Please choose a file.',
	'admin.survey_admin.import.too_large': 'The file is larger than 256 KB, so it was not read.',
	'admin.survey_admin.import.empty': 'The file is empty.',
	'admin.survey_admin.import.not_utf8': 'The file is not UTF-8 text.',
	'admin.survey_admin.import.not_json': 'The file is not valid JSON.',
	'admin.survey_admin.import.not_object':
		'The file must be a JSON object { … } in the “ykien-survey” format.',
	'admin.survey_admin.import.wrong_format':
		'This is not an Ý Kiến survey file: the “format” field must be “ykien-survey”.',
	'admin.survey_admin.import.wrong_format_version':
		'Unsupported format version: the “formatVersion” field must be 1.',
	'admin.survey_admin.import.invalid': 'The content of the file is not valid.',
	'admin.survey_admin.done_created': 'Survey created. Its draft is ready to edit.',
	'admin.survey_admin.done_imported': 'The file was imported as the draft of a new survey.',

	'admin.survey_admin.details_heading': 'Survey details',
	'admin.survey_admin.template': 'Started from',
	'admin.survey_admin.template_none': 'No template',
	'admin.survey_admin.created_at': 'Created',
	'admin.survey_admin.versions_heading': 'Published versions',
	'admin.survey_admin.versions_intro':
		'A published version never changes; every response records the version the resident answered.',
	'admin.survey_admin.versions_empty':
		'No version has been published yet, so the survey cannot be assigned.',
	'admin.survey_admin.versions_caption': 'Versions, newest first',
	'admin.survey_admin.col_published_at': 'Published',
	'admin.survey_admin.col_published_by': 'Published by',
	'admin.survey_admin.col_questions': 'Questions',
	'admin.survey_admin.col_file': 'JSON file',
	'admin.survey_admin.export_version': 'Download version {n}',
	'admin.survey_admin.unknown_user': 'System',
	'admin.survey_admin.draft_heading': 'Draft',
	'admin.survey_admin.draft_exists': 'There is an unpublished draft ({n} questions).',
	'admin.survey_admin.draft_none':
		'There is no draft. Create a new draft from the latest version to change the survey.',
	'admin.survey_admin.draft_edit': 'Edit the draft',
	'admin.survey_admin.draft_new': 'Create a new draft',
	'admin.survey_admin.draft_export': 'Download the draft (JSON)',
	'admin.survey_admin.draft_read_only':
		'Only administrators (for shared surveys) or managers of the owner unit may edit this survey.',

	'admin.survey_admin.assignments_heading': 'Where it is used',
	'admin.survey_admin.levels_rule':
		'A survey assigned to a lower unit replaces the one assigned to a higher unit within the lower unit’s subtree. So surveys on two different levels do not conflict; only two assignments on the same unit, for the same channel, with overlapping dates are refused.',
	'admin.survey_admin.assignments_caption': 'Assignments, latest start first',
	'admin.survey_admin.assignments_empty': 'The survey is not assigned to any unit in your scope.',
	'admin.survey_admin.col_unit': 'Unit',
	'admin.survey_admin.col_channel': 'Channel',
	'admin.survey_admin.col_from': 'From',
	'admin.survey_admin.col_to': 'Until (inclusive)',
	'admin.survey_admin.col_state': 'Status',
	'admin.survey_admin.col_actions': 'Actions',
	'admin.survey_admin.channel.kiosk': 'Kiosk at the desk',
	'admin.survey_admin.channel.web': 'Phone via QR code',
	'admin.survey_admin.open_end': 'No end date',
	'admin.survey_admin.state.upcoming': 'Upcoming',
	'admin.survey_admin.state.in_force': 'In force',
	'admin.survey_admin.state.ended': 'Ended',
	'admin.survey_admin.managed_above': 'Assigned from above',
	'admin.survey_admin.end_label': 'End on (at {unit}, {channel})',
	'admin.survey_admin.end_submit': 'End',
	'admin.survey_admin.delete_submit': 'Delete the assignment',
	'admin.survey_admin.delete_hint': 'Not started yet, so it can be deleted.',

	'admin.survey_admin.assign_heading': 'Assign the survey to a unit',
	'admin.survey_admin.assign_no_version':
		'The survey has no published version. Publish the draft before assigning the survey.',
	'admin.survey_admin.field_unit': 'Unit',
	'admin.survey_admin.field_unit_hint':
		'The survey applies to this unit and the units under it, except where another survey is assigned lower down.',
	'admin.survey_admin.field_channel': 'Channel',
	'admin.survey_admin.field_from': 'In force from',
	'admin.survey_admin.field_to': 'Until (inclusive)',
	'admin.survey_admin.field_to_hint': 'Leave empty when there is no end date yet.',
	'admin.survey_admin.assign_submit': 'Assign',
	'admin.survey_admin.error.unit_required': 'Please choose a unit.',
	'admin.survey_admin.error.unit_not_allowed': 'You may not assign surveys to this unit.',
	'admin.survey_admin.error.channel_required': 'Please choose a channel.',
	'admin.survey_admin.error.date_required': 'Please enter a date.',
	'admin.survey_admin.error.date_invalid': 'This is not a valid date.',
	'admin.survey_admin.error.no_version':
		'The survey has no published version, so it cannot be assigned. Publish the draft first.',
	'admin.survey_admin.error.archived': 'The survey is archived and can no longer be assigned.',
	'admin.survey_admin.error.dates_reversed': 'The end date must be on or after the start date.',
	'admin.survey_admin.error.starts_in_past':
		'The start date cannot be before today ({today}): past days cannot change.',
	'admin.survey_admin.error.conflict':
		'The dates overlap the survey “{name}” (code {code}) assigned to this unit for the same channel from {from} to {to}. End that assignment or choose other dates.',
	'admin.survey_admin.error.conflict_open':
		'The dates overlap the survey “{name}” (code {code}) assigned to this unit for the same channel from {from}, with no end date. End that assignment or choose other dates.',
	'admin.survey_admin.error.not_found': 'This assignment no longer exists.',
	'admin.survey_admin.error.end_before_start':
		'The end cannot be before the start ({from}); delete an assignment that has not started.',
	'admin.survey_admin.error.end_in_past':
		'The earliest end date is yesterday ({date}): past days cannot change.',
	'admin.survey_admin.error.end_after_end':
		'An assignment can only be shortened: the end cannot be after {to}.',
	'admin.survey_admin.error.already_started':
		'This assignment has started, so it cannot be deleted; set an end date instead.',
	'admin.survey_admin.done_assigned': 'The survey was assigned.',
	'admin.survey_admin.done_ended': 'The end date was set.',
	'admin.survey_admin.done_deleted': 'The assignment was deleted.',

	'audit.action.survey.create': 'Survey created',
	'audit.action.survey.import': 'Survey imported from a file',
	'audit.action.survey.assign': 'Survey assigned to a unit',
	'audit.action.survey.assignment_end': 'Survey assignment ended',
	'audit.action.survey.assignment_delete': 'Survey assignment deleted'
};
