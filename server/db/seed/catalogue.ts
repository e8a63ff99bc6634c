/**
 * The common commune-level fields and procedures (DOMAIN §4). Seeded once; admins edit them afterwards
 * (`npm run cli -- procedure set …`), and a later seed never overwrites an edit.
 */
export interface FieldSeed {
	code: string;
	name: string;
	nameEn: string;
}

export interface ProcedureSeed {
	code: string;
	name: string;
	fieldCode: string;
	processingTime: {
		value: number | null;
		unit: 'working_days' | 'working_hours' | 'days' | 'same_day';
	};
	note?: string;
}

export const FIELD_SEED: FieldSeed[] = [
	{ code: 'chung-thuc', name: 'Chứng thực', nameEn: 'Certification' },
	{ code: 'ho-tich', name: 'Hộ tịch', nameEn: 'Civil status' },
	{ code: 'bao-tro-xa-hoi', name: 'Bảo trợ xã hội', nameEn: 'Social protection' },
	{ code: 'dat-dai', name: 'Đất đai', nameEn: 'Land' },
	{ code: 'ho-kinh-doanh', name: 'Đăng ký hộ kinh doanh', nameEn: 'Household businesses' },
	{ code: 'nguoi-co-cong', name: 'Người có công', nameEn: 'People with meritorious services' },
	{ code: 'khac', name: 'Lĩnh vực khác', nameEn: 'Other fields' }
];

export const PROCEDURE_SEED: ProcedureSeed[] = [
	{
		code: '1.001193',
		name: 'Đăng ký khai sinh',
		fieldCode: 'ho-tich',
		processingTime: { value: null, unit: 'same_day' },
		note: 'Giải quyết ngay trong ngày (Luật Hộ tịch Điều 16).'
	},
	{
		code: '1.000894',
		name: 'Đăng ký kết hôn',
		fieldCode: 'ho-tich',
		processingTime: { value: null, unit: 'same_day' },
		note: 'Ngay trong ngày; tối đa 5 ngày làm việc nếu cần xác minh.'
	},
	{
		code: '1.000656',
		name: 'Đăng ký khai tử',
		fieldCode: 'ho-tich',
		processingTime: { value: null, unit: 'same_day' },
		note: 'Giải quyết ngay trong ngày.'
	},
	{
		code: '2.000815',
		name: 'Chứng thực bản sao từ bản chính',
		fieldCode: 'chung-thuc',
		processingTime: { value: null, unit: 'same_day' },
		note: 'NĐ 23/2015 Điều 7: trong ngày; sau 15 giờ thì ngày làm việc tiếp theo; yêu cầu số lượng lớn tối đa thêm 2 ngày làm việc.'
	},
	{
		code: '2.000884',
		name: 'Chứng thực chữ ký trong giấy tờ, văn bản',
		fieldCode: 'chung-thuc',
		processingTime: { value: null, unit: 'same_day' },
		note: 'NĐ 23/2015 Điều 7: trong ngày; sau 15 giờ thì ngày làm việc tiếp theo.'
	},
	{
		code: '1.001776',
		name: 'Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng',
		fieldCode: 'bao-tro-xa-hoi',
		processingTime: { value: 10, unit: 'working_days' },
		note: 'Khoảng 10 ngày làm việc sau sắp xếp đơn vị hành chính: cần xác minh.'
	},
	{
		code: '1.001612',
		name: 'Đăng ký thành lập hộ kinh doanh',
		fieldCode: 'ho-kinh-doanh',
		processingTime: { value: 3, unit: 'working_days' },
		note: 'Cấp xã thực hiện từ NĐ 168/2025; 3 ngày làm việc: cần xác minh.'
	},
	// Added for the simulator's field mix (DOMAIN §1): every field has at least one procedure.
	{
		code: '2.001035',
		name: 'Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở',
		fieldCode: 'chung-thuc',
		processingTime: { value: 2, unit: 'working_days' },
		note: 'NĐ 23/2015 Điều 7: không quá 02 ngày làm việc (cần xác minh cách tính theo quy định hiện hành).'
	},
	{
		code: '1.004873',
		name: 'Cấp Giấy xác nhận tình trạng hôn nhân',
		fieldCode: 'ho-tich',
		processingTime: { value: 3, unit: 'working_days' },
		note: 'NĐ 123/2015 Điều 22: 03 ngày làm việc; mã thủ tục cần xác minh.'
	},
	{
		code: '1.013978',
		name: 'Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận lần đầu đối với hộ gia đình, cá nhân',
		fieldCode: 'dat-dai',
		processingTime: { value: 20, unit: 'working_days' },
		note: 'Cấp xã theo NĐ 151/2025, liên thông Chi nhánh Văn phòng đăng ký đất đai; 20 ngày làm việc (17 ngày nếu chỉ đăng ký): cần xác minh. Không tính thời gian thực hiện nghĩa vụ tài chính.'
	},
	{
		code: '1.012812',
		name: 'Hòa giải tranh chấp đất đai',
		fieldCode: 'dat-dai',
		processingTime: { value: 30, unit: 'days' },
		note: 'Luật Đất đai 2024 Điều 235: không quá 30 ngày (45 ngày ở xã vùng sâu, vùng xa): cần xác minh.'
	},
	{
		code: '1.010803',
		name: 'Giải quyết chế độ trợ cấp thờ cúng liệt sĩ',
		fieldCode: 'nguoi-co-cong',
		processingTime: { value: 10, unit: 'working_days' },
		note: 'Thẩm quyền và thời hạn sau sắp xếp chính quyền hai cấp: cần xác minh (tạm tính 10 ngày làm việc).'
	},
	{
		code: '2.002481',
		name: 'Chuyển trường đối với học sinh trung học cơ sở',
		fieldCode: 'khac',
		processingTime: { value: 3, unit: 'working_days' },
		note: 'Chuyển về cấp xã từ 01/7/2025; thời hạn 03 ngày làm việc: cần xác minh.'
	}
];
