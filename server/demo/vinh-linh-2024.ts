import { defaultEntryRules, type ContestCreate } from '@core/contest.ts';
import type { DocumentSettings } from '@core/documents/document-settings.ts';
import { startOfLocalDay } from '@core/time.ts';
import type { VotingSettingsInput } from '@core/voting/settings.ts';

/**
 * DỮ LIỆU MẪU / DEMO DATA: the plan of Vĩnh Linh district, 2024 (seed/ke-hoach-cuoc-thi-video-cchc-2024.md).
 * Phases are laid out from the day the demo is loaded, keeping the plan's durations, so that submission is open now;
 * the plan's own dates are in the rules text. Prize amounts are illustrative: the plan leaves them to the budget.
 */
const DEMO_SLUG = 'vinh-linh-2024';

export const DEMO_COMMUNES = [
  'Thị trấn Hồ Xá',
  'Thị trấn Bến Quan',
  'Thị trấn Cửa Tùng',
  'Xã Hiền Thành',
  'Xã Kim Thạch',
  'Xã Trung Nam',
  'Xã Vĩnh Chấp',
  'Xã Vĩnh Giang',
  'Xã Vĩnh Hà',
  'Xã Vĩnh Hòa',
  'Xã Vĩnh Khê',
  'Xã Vĩnh Lâm',
  'Xã Vĩnh Long',
  'Xã Vĩnh Ô',
  'Xã Vĩnh Sơn',
  'Xã Vĩnh Thái',
  'Xã Vĩnh Thủy',
  'Xã Vĩnh Tú',
];

/** The district bodies named in section V of the plan. */
export const DEMO_DISTRICT_OFFICES = [
  'Phòng Nội vụ',
  'Văn phòng HĐND và UBND huyện',
  'Phòng Văn hóa và Thông tin',
  'Trung tâm Văn hóa - Thông tin và Thể thao huyện',
  'Phòng Tài chính - Kế hoạch',
];

/**
 * The plan's document details (its header and signature block): issued by the district People's Committee (Số: …/KH-
 * UBND, "Vĩnh Linh, ngày … tháng … năm 2024"), signed "TM. Ủy ban nhân dân / Chủ tịch"; the certificates by the
 * organizing committee it sets up, "TM. Ban Tổ chức / Trưởng ban" (the committee's head on the roster); the
 * recipients are the plan's "Nơi nhận". The chair's name is a placeholder ("Nguyễn Văn A"): the demo does not print a
 * real official's name on its papers.
 */
export const DEMO_DOCUMENT_SETTINGS: DocumentSettings = {
  superior: '',
  issuer: 'Ủy ban nhân dân huyện Vĩnh Linh',
  abbr: 'UBND',
  place: 'Vĩnh Linh',
  signer: { collective: 'Ủy ban nhân dân', deputyFor: '', position: 'Chủ tịch', fullName: 'Nguyễn Văn A' },
  committeeSigner: { collective: 'Ban Tổ chức', deputyFor: '', position: 'Trưởng ban', fullName: '' },
  recipients: [
    'Sở Nội vụ',
    'TT Huyện ủy',
    'TT HĐND huyện',
    'CT, các PCT UBND huyện',
    'Các cơ quan chuyên môn, đơn vị thuộc huyện',
    'UBND xã, thị trấn',
  ],
};

const THEME =
  'Đẩy mạnh cải cách hành chính, ứng dụng công nghệ thông tin trong thực thi công vụ, giải quyết TTHC; tuyên truyền ' +
  'người dân, doanh nghiệp thực hiện thủ tục hành chính trên môi trường điện tử; chuyển đổi số trong cơ quan đơn ' +
  'vị, trong ứng dụng đời sống.';

const TOPICS = [
  'Vai trò, ý nghĩa, tầm quan trọng của việc ứng dụng hiệu quả công nghệ thông tin trong hoạt động quản lý của cơ ' +
    'quan nhà nước và trong đời sống Nhân dân; lợi ích của ứng dụng công nghệ thông tin trong cải cách thủ tục hành ' +
    'chính.',
  'Xây dựng, triển khai, cung cấp thủ tục hành chính trên môi trường điện tử; hướng dẫn thực hiện thủ tục hành ' +
    'chính trên môi trường điện tử và lợi ích của dịch vụ công trực tuyến trên Cổng Dịch vụ công của tỉnh và Cổng ' +
    'Dịch vụ công quốc gia; số hóa hồ sơ, thanh toán trực tuyến, cấp bản sao kết quả điện tử, chứng thực điện tử.',
  'Các giải pháp nâng cao chỉ số phục vụ người dân và doanh nghiệp trong thực hiện thủ tục hành chính và cung cấp ' +
    'dịch vụ công.',
  'Tiếp nhận hồ sơ, trả kết quả giải quyết thủ tục hành chính; tra cứu tiến độ giải quyết tại Bộ phận Một cửa, qua ' +
    'dịch vụ bưu chính công ích, dịch vụ công trực tuyến toàn trình, một phần.',
  'Kinh nghiệm ứng dụng CNTT, chuyển đổi số tại cơ quan, đơn vị; thành tựu ứng dụng chuyển đổi số trong cuộc sống, ' +
    'sản xuất, kinh doanh.',
];

// One string per line of Markdown, so that a long paragraph can be split in the source without changing the text.
const RULES =
  [
    '> **Dữ liệu mẫu.** Cuộc thi này được nạp để dùng thử; các mốc thời gian được dời sang thời điểm hiện tại, giữ ' +
      'nguyên độ dài các giai đoạn của Kế hoạch.',
    '',
    '## Đối tượng dự thi',
    '- UBND các xã, thị trấn: mỗi đơn vị bắt buộc có **ít nhất 01** tác phẩm, **tối đa 02** tác phẩm.',
    '- Cán bộ, công chức, viên chức, người lao động, tổ chức, cá nhân trên địa bàn huyện: mỗi cá nhân/tổ chức tối đa ' +
      '**02** tác phẩm.',
    '- **Lưu ý:** thành viên Ban Tổ chức, Ban Giám khảo, Thư ký cuộc thi không được dự thi.',
    '',
    '## Hình thức và yêu cầu kỹ thuật',
    '- Video clip, phóng sự ngắn, ghi hình tiểu phẩm, sân khấu hóa, hình ảnh thực tế, hoạt hình.',
    '- Thời lượng tối thiểu **05 phút**, tối đa **10 phút**.',
    '- Chuẩn HD (1280 × 720) hoặc Full HD (1920 × 1080), tỉ lệ khung hình **16:9**, định dạng **.mp4**.',
    '- Kèm họ và tên, chức vụ, đơn vị, địa chỉ, số điện thoại của tác giả/tập thể.',
    '- Nội dung đúng pháp luật, đúng chủ đề, không sao chép, không vi phạm bản quyền.',
    '',
    '## Thời gian theo Kế hoạch năm 2024',
    '- Xây dựng tác phẩm: từ ngày ban hành Kế hoạch đến hết ngày **20/06/2024**.',
    '- Tiếp nhận bài dự thi: từ ngày **20/06/2024** đến hết ngày **25/06/2024**.',
    '- Sau khi hết hạn tiếp nhận: Ban Tổ chức duyệt nội dung, hình thức và đăng tải để bình chọn trực tuyến.',
    '- Hoàn thành chấm thi: dự kiến trong **tháng 9/2024**. ' +
      'Công bố kết quả và trao giải: dự kiến trong **Quý IV/2024**.',
    '',
    '## Nơi tiếp nhận',
    'Ban Tổ chức cuộc thi (qua Phòng Nội vụ huyện Vĩnh Linh) hoặc thư công vụ phongnv.vinhlinh@quangtri.gov.vn.',
    '',
    '## Giải thưởng',
    '01 Giải nhất, 01 Giải nhì, 02 Giải ba, 03 Giải khuyến khích; 01 Giải bình chọn nhiều nhất. Giấy chứng nhận của ' +
      'Ban Tổ chức và tiền thưởng (mức thưởng trong dữ liệu mẫu chỉ để minh họa). Đơn vị có tác phẩm đạt giải được ' +
      'cộng điểm chỉ số CCHC năm 2024.',
  ].join('\n') + '\n';

const DAY = 86400000;

/**
 * The plan's most-voted prize is the count on the district radio's Facebook page (IV.1, R14): both counts are shown
 * and the fanpage's confirmed figures decide (ADR 0048). Stated here rather than left to the default.
 */
export const DEMO_VOTING: VotingSettingsInput = { prizeSource: { show: 'both', deciding: 'fanpage' } };

/** The plan's contest, with phases starting from `now` in Asia/Ho_Chi_Minh. */
export function demoContest(now: Date): ContestCreate {
  const tz = 'Asia/Ho_Chi_Minh';
  const today = startOfLocalDay(now, tz);
  const at = (days: number) => new Date(today.getTime() + days * DAY).toISOString();
  // Plan: production until the end of 20/6, submissions 20/6–25/6 (6 days), results in September, awards in Q4.
  return {
    slug: DEMO_SLUG,
    name: 'Xây dựng video clip, phóng sự tuyên truyền cải cách hành chính trên địa bàn huyện Vĩnh Linh năm 2024',
    theme: THEME,
    topics: TOPICS,
    rulesMarkdown: RULES,
    timeZone: tz,
    entryRules: defaultEntryRules(),
    prizes: [
      { name: 'Giải Nhất', nameEn: 'First prize', kind: 'jury', count: 1, amountVnd: 5_000_000 },
      { name: 'Giải Nhì', nameEn: 'Second prize', kind: 'jury', count: 1, amountVnd: 3_000_000 },
      { name: 'Giải Ba', nameEn: 'Third prize', kind: 'jury', count: 2, amountVnd: 2_000_000 },
      { name: 'Giải Khuyến khích', nameEn: 'Consolation prize', kind: 'jury', count: 3, amountVnd: 1_000_000 },
      {
        name: 'Giải bình chọn nhiều nhất',
        nameEn: 'Most-voted prize',
        kind: 'public_vote',
        count: 1,
        amountVnd: 1_000_000,
      },
    ],
    rubric: [
      {
        name: 'Nội dung đúng chủ đề, thông tin chính xác',
        nameEn: 'On-theme, accurate content',
        weight: 40,
        scaleMax: 10,
      },
      { name: 'Tính sáng tạo, sức lan tỏa', nameEn: 'Creativity and reach', weight: 30, scaleMax: 10 },
      {
        name: 'Chất lượng hình ảnh, âm thanh, dựng phim',
        nameEn: 'Picture, sound and editing',
        weight: 30,
        scaleMax: 10,
      },
    ],
    maxEntriesPerPerson: 2,
    reviewsRequired: 1,
    phases: [
      { kind: 'production', startsAt: at(-97), endsAt: at(1) },
      { kind: 'submission', startsAt: at(0), endsAt: at(6) },
      { kind: 'review', startsAt: at(6), endsAt: at(20) },
      { kind: 'public_voting', startsAt: at(20), endsAt: at(51) },
      { kind: 'judging', startsAt: at(51), endsAt: at(103) },
      { kind: 'awards', startsAt: at(103), endsAt: at(195) },
    ],
    unitCategories: [
      { code: 'commune', name: 'UBND xã, thị trấn', nameEn: 'Commune/town committee', minEntries: 1, maxEntries: 2 },
      {
        code: 'district_office',
        name: 'Cơ quan, đơn vị cấp huyện',
        nameEn: 'District office',
        minEntries: 0,
        maxEntries: 2,
      },
      { code: 'organization', name: 'Tổ chức khác', nameEn: 'Other organization', minEntries: 0, maxEntries: 2 },
    ],
  };
}

/**
 * The plan's two judging rounds (ADR 0025): sơ khảo on every approved entry in the first half of the judging phase,
 * chung khảo on the best ten of sơ khảo in the second half.
 */
export function demoJudgingRounds(phases: readonly { kind: string; startsAt: string; endsAt: string }[]) {
  const judging = phases.find((p) => p.kind === 'judging')!;
  const start = Date.parse(judging.startsAt);
  const mid = new Date(start + (Date.parse(judging.endsAt) - start) / 2).toISOString();
  return [
    {
      name: 'Sơ khảo',
      nameEn: 'First round',
      window: { startsAt: judging.startsAt, endsAt: mid },
      entrySet: { kind: 'all_approved' as const },
    },
    {
      name: 'Chung khảo',
      nameEn: 'Final round',
      window: { startsAt: mid, endsAt: judging.endsAt },
      entrySet: { kind: 'top_n' as const, n: 10, includeBoundaryTies: false },
    },
  ];
}
