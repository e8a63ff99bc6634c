import type { Lang } from './messages';

/**
 * Text of the inspection report and its exports (issue #11), Vietnamese first; apart from the dashboards'
 * messages because the report has its own vocabulary (the Biểu 06 form's). Every key exists in both languages.
 */
const vi = {
	title: 'Báo cáo kiểm tra',
	formTitle: 'Tình hình giải quyết hồ sơ theo lĩnh vực (Biểu 06/VPCP/KSTT)',
	formNote:
		'Tổng số tiếp nhận = kỳ trước chuyển qua + mới tiếp nhận (trực tuyến, trực tiếp hoặc bưu chính). Số đã rút không thuộc Biểu 06, ghi riêng ở cột cuối.',
	stampScope: 'Phạm vi',
	stampPeriod: 'Kỳ báo cáo',
	stampAsOf: 'Số liệu tính lúc',
	stampMeasuredAt: 'Hồ sơ đang giải quyết tính tại',
	stampFilters: 'Bộ lọc',
	stampFingerprint: 'Dấu vân tay SHA-256',
	noFilters: 'không có',
	generatedBy: 'Một Cửa Live',
	groupField: 'Lĩnh vực',
	groupReceived: 'Số hồ sơ nhận giải quyết',
	groupResolved: 'Số hồ sơ đã giải quyết',
	groupInProgress: 'Số hồ sơ đang giải quyết',
	groupOutside: 'Ngoài biểu',
	colField: 'Lĩnh vực',
	colReceivedTotal: 'Tiếp nhận: tổng số',
	colCarriedOver: 'Kỳ trước chuyển qua',
	colOnline: 'Trực tuyến',
	colDirectPostal: 'Trực tiếp, bưu chính',
	colResolvedTotal: 'Đã giải quyết: tổng số',
	colEarly: 'Trước hạn',
	colOnTime: 'Đúng hạn',
	colLate: 'Quá hạn',
	colInProgressTotal: 'Đang giải quyết: tổng số',
	colWithinTime: 'Chưa đến hạn',
	colOverdue: 'Quá hạn',
	colWithdrawn: 'Đã rút',
	totalRow: 'Tổng cộng',
	unknownField: 'Chưa rõ lĩnh vực',
	ratesTitle: 'Tỷ lệ',
	onTimeRate: 'Tỷ lệ giải quyết trước và đúng hạn',
	onlineRate: 'Tỷ lệ tiếp nhận trực tuyến',
	rankingTitle: 'Xếp hạng đơn vị trực thuộc',
	rankingNote:
		'Xếp theo tỷ lệ trước và đúng hạn; đơn vị giải quyết dưới 10 hồ sơ trong kỳ xếp sau, không đủ căn cứ xếp hạng.',
	colRank: 'Hạng',
	colUnit: 'Đơn vị',
	colCode: 'Mã',
	colReceived: 'Tiếp nhận trong kỳ',
	colResolved: 'Đã giải quyết',
	colOnTimeRate: 'Trước và đúng hạn',
	colInProgress: 'Đang giải quyết',
	colRankable: 'Đủ căn cứ xếp hạng',
	stagesTitle: 'Điểm nghẽn theo bước xử lý',
	colStage: 'Bước',
	colWip: 'Đang xử lý',
	colOverShare: 'Vượt thời gian của bước',
	colMedianAge: 'Trung vị (giờ làm việc)',
	colP90Age: 'P90 (giờ làm việc)',
	colInflow: 'Vào bước',
	colOutflow: 'Ra khỏi bước',
	colBottleneck: 'Điểm nghẽn',
	overdueTitle: 'Hồ sơ quá hạn',
	overdueNote: (shown: number, total: number) =>
		shown < total
			? `Hiển thị ${shown} trên tổng số ${total} hồ sơ quá hạn (giới hạn của bản xuất).`
			: `${total} hồ sơ quá hạn.`,
	colDossier: 'Mã hồ sơ',
	colWard: 'Xã, phường',
	colProcedure: 'Thủ tục',
	colReceivedAt: 'Ngày tiếp nhận',
	colDueAt: 'Hạn giải quyết',
	colFinishedAt: 'Ngày hoàn thành',
	colOverdueDays: 'Số ngày làm việc quá hạn',
	serviceIndexTitle: 'Ước tính Chỉ số phục vụ (Quyết định 766/QĐ-TTg)',
	serviceIndexPending:
		'Đang xây dựng: ước tính Bộ chỉ số theo Quyết định 766 sẽ được bổ sung vào báo cáo này.',
	exportsTitle: 'Xuất báo cáo',
	exportXlsx: 'Tải Excel (XLSX)',
	exportCsv: 'Tải CSV',
	exportPdf: 'Tải PDF',
	frozenNote:
		'Các bản xuất của trang này mang cùng thời điểm tính số liệu và cùng dấu vân tay, nên có thể đối chiếu về sau.',
	liveNote:
		'Kỳ báo cáo chưa kết thúc: mỗi bản xuất được tính lại tại thời điểm xuất và mang dấu vân tay riêng.',
	listsTitle: 'Danh sách của bảng điều khiển',
	listOverdue: 'Hồ sơ quá hạn hiện nay',
	listDueSoon: 'Hồ sơ sắp đến hạn (trong 1 ngày làm việc)',
	listCapped: (limit: number) => `Danh sách bị cắt ở ${limit} dòng đầu.`,
	badAsOf:
		'Tham số asOf phải là một thời điểm ISO, không sớm hơn lúc kỳ báo cáo kết thúc và không muộn hơn hiện tại.',
	none: '—',
	yes: 'Có',
	no: 'Không',
	page: (n: number, of: number) => `Trang ${n}/${of}`,
	continued: '(tiếp theo)',
	sheets: {
		info: 'Thông tin',
		bieu06: 'Biểu 06',
		rates: 'Tỷ lệ',
		ranking: 'Xếp hạng',
		stages: 'Điểm nghẽn',
		overdue: 'Quá hạn',
		dueSoon: 'Sắp đến hạn'
	}
};

export type ReportMessages = typeof vi;

const en: ReportMessages = {
	title: 'Inspection report',
	formTitle: 'Dossiers by field (form Biểu 06/VPCP/KSTT)',
	formNote:
		'Received total = carried over + newly received (online, in person or by post). Withdrawals are not on the form; they are in the last column.',
	stampScope: 'Scope',
	stampPeriod: 'Period',
	stampAsOf: 'Figures computed at',
	stampMeasuredAt: 'In progress measured at',
	stampFilters: 'Filters',
	stampFingerprint: 'SHA-256 fingerprint',
	noFilters: 'none',
	generatedBy: 'Một Cửa Live',
	groupField: 'Field',
	groupReceived: 'Received',
	groupResolved: 'Resolved',
	groupInProgress: 'In progress',
	groupOutside: 'Not on the form',
	colField: 'Field',
	colReceivedTotal: 'Received: total',
	colCarriedOver: 'Carried over',
	colOnline: 'Online',
	colDirectPostal: 'In person or postal',
	colResolvedTotal: 'Resolved: total',
	colEarly: 'Early',
	colOnTime: 'On time',
	colLate: 'Late',
	colInProgressTotal: 'In progress: total',
	colWithinTime: 'Within time',
	colOverdue: 'Overdue',
	colWithdrawn: 'Withdrawn',
	totalRow: 'Total',
	unknownField: 'Field not known',
	ratesTitle: 'Rates',
	onTimeRate: 'Resolved early or on time',
	onlineRate: 'Received online',
	rankingTitle: 'Ranking of the units below',
	rankingNote:
		'Ranked by the early-or-on-time rate; units that resolved fewer than 10 dossiers in the period come after, unranked.',
	colRank: 'Rank',
	colUnit: 'Unit',
	colCode: 'Code',
	colReceived: 'Received in the period',
	colResolved: 'Resolved',
	colOnTimeRate: 'Early or on time',
	colInProgress: 'In progress',
	colRankable: 'Enough to rank',
	stagesTitle: 'Bottlenecks by stage',
	colStage: 'Stage',
	colWip: 'In progress',
	colOverShare: "Over the stage's share",
	colMedianAge: 'Median (working hours)',
	colP90Age: 'P90 (working hours)',
	colInflow: 'Entered',
	colOutflow: 'Left',
	colBottleneck: 'Bottleneck',
	overdueTitle: 'Overdue dossiers',
	overdueNote: (shown, total) =>
		shown < total
			? `Showing ${shown} of ${total} overdue dossiers (the export's limit).`
			: `${total} overdue dossiers.`,
	colDossier: 'Dossier',
	colWard: 'Ward',
	colProcedure: 'Procedure',
	colReceivedAt: 'Received',
	colDueAt: 'Due',
	colFinishedAt: 'Finished',
	colOverdueDays: 'Working days overdue',
	serviceIndexTitle: 'Service index estimate (Decision 766/QĐ-TTg)',
	serviceIndexPending: 'Being built: the Decision 766 index estimate will be added to this report.',
	exportsTitle: 'Export the report',
	exportXlsx: 'Download Excel (XLSX)',
	exportCsv: 'Download CSV',
	exportPdf: 'Download PDF',
	frozenNote:
		'Exports from this page carry the same computation instant and fingerprint, so they can be checked later.',
	liveNote:
		'The period has not ended: each export is computed when it is made and carries its own fingerprint.',
	listsTitle: 'Dashboard lists',
	listOverdue: 'Overdue dossiers now',
	listDueSoon: 'Dossiers due within one working day',
	listCapped: (limit) => `The list was cut after its first ${limit} rows.`,
	badAsOf:
		'asOf must be an ISO instant, no earlier than the end of the period and no later than now.',
	none: '—',
	yes: 'Yes',
	no: 'No',
	page: (n, of) => `Page ${n} of ${of}`,
	continued: '(continued)',
	sheets: {
		info: 'About',
		bieu06: 'Biểu 06',
		rates: 'Rates',
		ranking: 'Ranking',
		stages: 'Bottlenecks',
		overdue: 'Overdue',
		dueSoon: 'Due soon'
	}
};

const MESSAGES: Record<Lang, ReportMessages> = { vi, en };

export function reportMessages(lang: Lang): ReportMessages {
	return MESSAGES[lang];
}
