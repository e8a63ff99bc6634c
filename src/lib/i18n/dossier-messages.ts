import type { Channel, DossierStatus, Stage } from '../domain/dossier';
import type { IndexOutcome, OpenStatus, Outcome } from '../domain/outcome';
import { messages, type Lang } from './messages';

/**
 * Text of the dossier page (issue #9), Vietnamese first; kept apart from the dashboards' messages (`messages.ts`,
 * owned elsewhere) so the page can grow without touching them. Every key exists in both languages (checked by type).
 */
const vi = {
	breadcrumbLabel: 'Vị trí',
	breadcrumbNation: 'Cả nước',
	title: (code: string) => `Hồ sơ ${code}`,
	notFound: (code: string) => `Không tìm thấy hồ sơ có mã “${code}” trong phạm vi bạn được xem`,
	measuredAt: (time: string) => `Số liệu lúc ${time}`,
	none: '–',
	yes: 'Có',
	no: 'Không',

	factsTitle: 'Thông tin hồ sơ',
	procedure: 'Thủ tục',
	field: 'Lĩnh vực',
	channel: 'Kênh nộp',
	status: 'Trạng thái',
	stage: 'Bước hiện tại',
	openStatus: 'Tình trạng thời hạn',
	handlingWard: 'Đơn vị giải quyết',
	receivingWard: 'Đơn vị tiếp nhận',
	submittedAt: 'Nộp lúc',
	receivedAt: 'Tiếp nhận lúc (bắt đầu tính thời hạn)',
	dueAt: 'Hạn trả đang áp dụng',
	finishedAt: 'Xử lý xong lúc',
	returnedAt: 'Trả kết quả lúc',
	withdrawnAt: 'Rút hồ sơ lúc',
	refusedAt: 'Không tiếp nhận lúc',
	channelNames: {
		direct: 'Trực tiếp',
		online: 'Trực tuyến',
		postal: 'Qua bưu chính công ích'
	} satisfies Record<Channel, string>,
	statusNames: {
		1: 'Mới đăng ký',
		2: 'Được tiếp nhận',
		3: 'Không được tiếp nhận',
		4: 'Đang xử lý',
		5: 'Yêu cầu bổ sung giấy tờ',
		6: 'Yêu cầu thực hiện nghĩa vụ tài chính',
		7: 'Công dân yêu cầu rút hồ sơ',
		8: 'Dừng xử lý',
		9: 'Đã xử lý xong',
		10: 'Đã trả kết quả'
	} satisfies Record<DossierStatus, string>,
	openStatusNames: {
		awaiting_intake: 'Chờ tiếp nhận',
		awaiting_citizen: 'Chờ người nộp bổ sung, nộp phí',
		within_time: 'Trong hạn',
		due_soon: 'Sắp đến hạn',
		overdue: 'Quá hạn'
	} satisfies Record<OpenStatus, string>,
	closed: 'Đã kết thúc',
	stageNames: {
		intake: 'Tiếp nhận',
		processing: 'Thẩm định, xử lý',
		approval: 'Phê duyệt, ký',
		interagency: 'Liên thông cơ quan khác',
		result: 'Trả kết quả'
	} satisfies Record<Stage, string>,

	outcomeTitle: 'Kết quả giải quyết',
	byDateTitle: 'Theo ngày (Biểu 06/VPCP/KSTT)',
	byDateRule: 'So sánh ngày xử lý xong với ngày hẹn trả đang áp dụng, theo giờ Việt Nam.',
	outcomeNames: {
		early: 'Trước hạn',
		on_time: 'Đúng hạn',
		late: 'Quá hạn'
	} satisfies Record<Outcome, string>,
	notFinished: 'Chưa xử lý xong',
	notResolved: 'Không tính (đã rút hoặc không được tiếp nhận)',
	noDueOnTime: 'Hồ sơ không có ngày hẹn trả: tính là đúng hạn.',
	indexTitle: 'Theo Bộ chỉ số phục vụ (Quyết định 766/QĐ-TTg)',
	indexNames: {
		on_time: 'Đúng hạn',
		late: 'Quá hạn',
		pending: 'Đang giải quyết, chưa quá hạn'
	} satisfies Record<IndexOutcome, string>,
	indexNotCounted: 'Không tính (chưa tiếp nhận, đã rút hoặc không được tiếp nhận)',
	indexDueAt: 'Hạn tính chỉ số (cộng thời gian chờ bổ sung)',
	indexMeasuredAt: 'Thời điểm đánh giá',
	indexRulePaused:
		'Đúng hạn khi xử lý xong trước hạn tính chỉ số; thời gian chờ người nộp bổ sung không bị tính.',
	indexRuleSeveral: (requests: string) =>
		`Có ${requests} lần yêu cầu bổ sung: hơn một lần nên tính là quá hạn.`,

	dueHistoryTitle: 'Lịch sử ngày hẹn trả',
	dueHistoryCaption:
		'Ngày hẹn trả ban đầu, mỗi lần yêu cầu bổ sung (pháp luật tính lại từ đầu, Bộ chỉ số tạm dừng) và mỗi lần gia hạn có phiếu xin lỗi.',
	dueHistoryEmpty: 'Hồ sơ không có ngày hẹn trả.',
	colWhen: 'Thời điểm',
	colEvent: 'Sự kiện',
	colDueBefore: 'Hạn trước đó',
	colDueAfter: 'Hạn mới',
	colNotes: 'Ghi chú',
	dueStepNames: {
		receipt: 'Tiếp nhận, hẹn trả',
		supplement: 'Yêu cầu bổ sung',
		extension: 'Gia hạn, xin lỗi và hẹn lại'
	},
	allotted: (time: string) => `Thời hạn giải quyết: ${time} làm việc`,
	dueFromSource: 'Ngày hẹn do hệ thống một cửa gửi',
	dueComputed: 'Ngày hẹn tính theo danh mục thủ tục và lịch làm việc',
	supplementReturned: (at: string) => `Nhận đủ hồ sơ bổ sung lúc ${at}`,
	supplementAwaited: 'Đang chờ người nộp bổ sung',
	supplementWaited: (time: string) => `Thời gian chờ: ${time} làm việc`,
	supplementRestart: (due: string) => `Theo NĐ 61/2018 (tính lại từ đầu): hạn mới ${due}`,
	supplementPause: (due: string) => `Theo Bộ chỉ số 766 (tạm dừng): hạn ${due}`,
	apologyInTime: 'Phiếu xin lỗi gửi kịp (trước hạn cũ ít nhất 1 ngày làm việc)',
	apologyLate: 'Phiếu xin lỗi gửi muộn (chưa đủ 1 ngày làm việc trước hạn cũ)',
	extensionRepeated: 'Gia hạn lần nữa: pháp luật chỉ cho hẹn lại một lần',
	reason: (text: string) => `Lý do: ${text}`,

	stagesTitle: 'Thời gian ở từng bước',
	stagesCaption:
		'Thời gian làm việc theo giờ hành chính (07:00–11:30, 13:30–17:00), không tính thứ Bảy, Chủ nhật và ngày nghỉ lễ, có tính ngày làm bù.',
	stagesEmpty: 'Hồ sơ chưa qua bước xử lý nào.',
	colStage: 'Bước',
	colStep: 'Công việc, bộ phận',
	colEntered: 'Vào bước',
	colLeft: 'Rời bước',
	colWorkingTime: 'Thời gian làm việc',
	colSupplementWait: 'Trong đó chờ bổ sung',
	colStageDue: 'Hạn của bước',
	colStageVerdict: 'So với hạn của bước',
	stillHere: 'Đang ở bước này',
	stageExceeded: 'Vượt hạn',
	stageWithin: 'Trong hạn',
	stageNoDue: 'Không có hạn riêng',
	workingTime: (hours: string, minutes: string) => `${hours} giờ ${minutes} phút`,

	timelineTitle: 'Diễn biến hồ sơ',
	timelineEmpty: 'Chưa có sự kiện nào.',
	colDueAt: 'Hạn',
	/** The same words as the dashboards' ticker. */
	eventTypes: messages('vi').eventTypes
};

export type DossierMessages = typeof vi;

const en: DossierMessages = {
	breadcrumbLabel: 'Breadcrumb',
	breadcrumbNation: 'Nation',
	title: (code) => `Dossier ${code}`,
	notFound: (code) => `No dossier with code “${code}” within your scope`,
	measuredAt: (time) => `Figures as of ${time}`,
	none: '–',
	yes: 'Yes',
	no: 'No',

	factsTitle: 'About the dossier',
	procedure: 'Procedure',
	field: 'Field',
	channel: 'Channel',
	status: 'Status',
	stage: 'Current stage',
	openStatus: 'Against its due date',
	handlingWard: 'Handling unit',
	receivingWard: 'Receiving unit',
	submittedAt: 'Submitted',
	receivedAt: 'Received (the clock starts)',
	dueAt: 'Due date in force',
	finishedAt: 'Finished',
	returnedAt: 'Result handed over',
	withdrawnAt: 'Withdrawn',
	refusedAt: 'Not accepted',
	channelNames: { direct: 'In person', online: 'Online', postal: 'Public postal service' },
	statusNames: {
		1: 'Submitted, not yet accepted',
		2: 'Accepted',
		3: 'Not accepted',
		4: 'Being processed',
		5: 'Awaiting a supplement',
		6: 'Awaiting fees or taxes',
		7: 'Withdrawn by the applicant',
		8: 'Stopped',
		9: 'Result ready',
		10: 'Result delivered'
	},
	openStatusNames: {
		awaiting_intake: 'Awaiting intake',
		awaiting_citizen: 'Awaiting the applicant (supplement or fee)',
		within_time: 'Within time',
		due_soon: 'Due soon',
		overdue: 'Overdue'
	},
	closed: 'Closed',
	stageNames: {
		intake: 'Intake',
		processing: 'Review and processing',
		approval: 'Approval and signature',
		interagency: 'Other agencies',
		result: 'Result'
	},

	outcomeTitle: 'Outcome',
	byDateTitle: 'By date (form Biểu 06/VPCP/KSTT)',
	byDateRule: 'The finishing date compared with the due date in force, in Vietnam time.',
	outcomeNames: { early: 'Early', on_time: 'On time', late: 'Late' },
	notFinished: 'Not finished yet',
	notResolved: 'Not counted (withdrawn or not accepted)',
	noDueOnTime: 'The dossier has no due date: it counts as on time.',
	indexTitle: 'For the service index (Decision 766/QĐ-TTg)',
	indexNames: { on_time: 'On time', late: 'Late', pending: 'In progress, not late yet' },
	indexNotCounted: 'Not counted (not received, withdrawn or not accepted)',
	indexDueAt: 'Index due date (supplement waits added)',
	indexMeasuredAt: 'Measured at',
	indexRulePaused:
		'On time when finished by the index due date; time spent waiting for a supplement does not count.',
	indexRuleSeveral: (requests) => `${requests} supplement requests: more than one counts as late.`,

	dueHistoryTitle: 'Due date history',
	dueHistoryCaption:
		'The first due date, each supplement request (the law restarts the clock, the index pauses it) and each extension with its apology.',
	dueHistoryEmpty: 'The dossier has no due date.',
	colWhen: 'When',
	colEvent: 'Event',
	colDueBefore: 'Due before',
	colDueAfter: 'New due date',
	colNotes: 'Notes',
	dueStepNames: {
		receipt: 'Received, due date set',
		supplement: 'Supplement requested',
		extension: 'Extended with an apology'
	},
	allotted: (time) => `Processing time: ${time} of working time`,
	dueFromSource: 'Due date sent by the one-door system',
	dueComputed: 'Due date computed from the procedure catalogue and the working calendar',
	supplementReturned: (at) => `Complete dossier back at ${at}`,
	supplementAwaited: 'Still waiting for the applicant',
	supplementWaited: (time) => `Waited: ${time} of working time`,
	supplementRestart: (due) => `Decree 61/2018 (clock restarts): due ${due}`,
	supplementPause: (due) => `Decision 766 index (clock paused): due ${due}`,
	apologyInTime: 'Apology in time (at least 1 working day before the old due date)',
	apologyLate: 'Apology late (less than 1 working day before the old due date)',
	extensionRepeated: 'Extended again: the law allows moving the date only once',
	reason: (text) => `Reason: ${text}`,

	stagesTitle: 'Time in each stage',
	stagesCaption:
		'Working time in office hours (07:00–11:30, 13:30–17:00), without weekends and public holidays, with swapped working Saturdays.',
	stagesEmpty: 'The dossier has not been through any stage yet.',
	colStage: 'Stage',
	colStep: 'Step, department',
	colEntered: 'Entered',
	colLeft: 'Left',
	colWorkingTime: 'Working time',
	colSupplementWait: 'Of which awaiting a supplement',
	colStageDue: 'Stage due',
	colStageVerdict: 'Against the stage due time',
	stillHere: 'Still here',
	stageExceeded: 'Exceeded',
	stageWithin: 'Within time',
	stageNoDue: 'No stage due time',
	workingTime: (hours, minutes) => `${hours} h ${minutes} min`,

	timelineTitle: 'Timeline',
	timelineEmpty: 'No events yet.',
	colDueAt: 'Due',
	eventTypes: messages('en').eventTypes
};

const MESSAGES: Record<Lang, DossierMessages> = { vi, en };

export function dossierMessages(lang: Lang): DossierMessages {
	return MESSAGES[lang];
}
