import type { ServiceIndexGroup } from '../domain/service-index';
import type { Level } from '../components/dashboard/thresholds';
import type { Lang } from './messages';

/**
 * Text of the Decision 766 estimate (card, report), Vietnamese first; apart from `messages.ts` so the card can be
 * placed on a page without touching the dashboards' messages. Every key exists in both languages (checked by type).
 */
const vi = {
	title: 'Chỉ số phục vụ người dân, doanh nghiệp',
	estimateLabel: 'Ước tính theo Quyết định 766/QĐ-TTg',
	/** Why it is an estimate, said once under the title. */
	estimateNote:
		'Ước tính từ dữ liệu hồ sơ; cách chia điểm trong từng nhóm của Cổng Dịch vụ công quốc gia không được công bố, nên điểm có thể khác điểm chính thức.',
	total: 'Tổng điểm ước tính',
	/** "61,5 / 82 điểm" */
	points: (points: string, max: string) => `${points} / ${max} điểm`,
	outOf: (max: string) => `Tính trên ${max} điểm ước tính được (thang 100 điểm)`,
	groups: {
		publicity: 'Công khai, minh bạch',
		progress: 'Tiến độ giải quyết',
		onlineService: 'Dịch vụ công trực tuyến',
		onlinePayment: 'Thanh toán trực tuyến',
		satisfaction: 'Mức độ hài lòng',
		digitisation: 'Số hóa hồ sơ'
	} satisfies Record<ServiceIndexGroup, string>,
	/** What each group's rate measures. */
	rates: {
		publicity: 'Không có trong dữ liệu hồ sơ',
		progress: 'Tỷ lệ đúng hạn',
		onlineService: 'Tỷ lệ nộp trực tuyến',
		onlinePayment: 'Tỷ lệ thanh toán trực tuyến',
		satisfaction: 'Tỷ lệ hài lòng',
		digitisation: 'Tỷ lệ số hóa'
	} satisfies Record<ServiceIndexGroup, string>,
	colGroup: 'Nhóm chỉ số',
	colRate: 'Tỷ lệ',
	colPoints: 'Điểm',
	notEstimable: 'Không ước tính được',
	/** Why a group cannot be estimated. */
	whyNot: {
		publicity:
			'Công khai, minh bạch được chấm trên cổng thông tin và niêm yết thủ tục, không có trong dữ liệu hồ sơ.',
		noData: 'Chưa có hồ sơ nào trong kỳ để tính tỷ lệ này.'
	},
	levels: {
		good: 'Tốt (từ 90%)',
		attention: 'Cần chú ý (80–90%)',
		urgent: 'Cần cải thiện gấp (dưới 80%)',
		none: 'Chưa đủ số liệu'
	} satisfies Record<Level, string>,
	loading: 'Đang tính chỉ số ước tính…',
	failed: 'Không tính được chỉ số ước tính lúc này. Các số liệu khác trên trang vẫn đúng.',
	measured: (onTime: string, late: string) =>
		`Hồ sơ tính tiến độ: ${onTime} đúng hạn, ${late} quá hạn`
};

export type ServiceIndexMessages = typeof vi;

const en: ServiceIndexMessages = {
	title: 'Service index for citizens and businesses',
	estimateLabel: 'Estimate under Decision 766/QĐ-TTg',
	estimateNote:
		'Estimated from dossier data; the national portal does not publish how points are split inside each group, so these points may differ from the official ones.',
	total: 'Estimated total',
	points: (points, max) => `${points} / ${max} points`,
	outOf: (max) => `Out of the ${max} points that can be estimated (of 100)`,
	groups: {
		publicity: 'Publicity and transparency',
		progress: 'Progress of processing',
		onlineService: 'Online public services',
		onlinePayment: 'Online payment',
		satisfaction: 'Satisfaction',
		digitisation: 'Digitisation of dossiers'
	},
	rates: {
		publicity: 'Not in dossier data',
		progress: 'On-time rate',
		onlineService: 'Online submission rate',
		onlinePayment: 'Online payment rate',
		satisfaction: 'Satisfaction rate',
		digitisation: 'Digitisation rate'
	},
	colGroup: 'Group',
	colRate: 'Rate',
	colPoints: 'Points',
	notEstimable: 'Cannot be estimated',
	whyNot: {
		publicity:
			'Publicity and transparency is scored on portals and published procedures, not in dossier data.',
		noData: 'No dossier in the period to compute this rate.'
	},
	levels: {
		good: 'Good (90% and above)',
		attention: 'Needs attention (80–90%)',
		urgent: 'Needs urgent improvement (under 80%)',
		none: 'Not enough data'
	},
	loading: 'Computing the estimate…',
	failed: 'The estimate could not be computed just now. The page’s other figures stand.',
	measured: (onTime, late) => `Dossiers measured for progress: ${onTime} on time, ${late} late`
};

const MESSAGES: Record<Lang, ServiceIndexMessages> = { vi, en };

export function serviceIndexMessages(lang: Lang): ServiceIndexMessages {
	return MESSAGES[lang];
}
