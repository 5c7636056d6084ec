/**
 * The audit log as people read it: one sentence per record (who did what to which entry, unit or person) and its
 * details as labelled fields, in Vietnamese or English. Used by the staff screen and the XLSX export alike.
 */
import { formatDateTime } from './time.ts';

type Lang = 'vi' | 'en';
type Words = Record<Lang, string>;

export interface AuditRecordFacts {
  action: string;
  outcome: string;
  actorName: string | null;
  /** What the server found the target to be: an entry's title and code, a unit's or person's name. */
  targetLabel: string | null;
  details: unknown;
}

/** What each recorded action did, as a verb phrase whose object is the target. */
export const AUDIT_ACTIONS: Record<string, Words> = {
  'contest.create': { vi: 'tạo cuộc thi', en: 'created the contest' },
  'contest.edit': { vi: 'sửa thiết lập cuộc thi', en: 'edited the settings of the contest' },
  'unit.import': { vi: 'nhập danh sách đơn vị', en: 'imported the list of units' },
  'unit.create': { vi: 'thêm đơn vị', en: 'added the unit' },
  'unit.update': { vi: 'sửa đơn vị', en: 'edited the unit' },
  'unit.delete': { vi: 'xóa đơn vị', en: 'deleted the unit' },
  'roster.add': { vi: 'thêm thành viên', en: 'added the member' },
  'roster.remove': { vi: 'bỏ thành viên', en: 'removed the member' },
  'budget.linesSaved': { vi: 'lưu các khoản chi của dự trù kinh phí', en: 'saved the cost lines of the budget' },
  'budget.submit': { vi: 'trình thẩm định dự trù kinh phí', en: 'submitted the budget estimate to finance' },
  'budget.approve': { vi: 'phê duyệt dự trù kinh phí', en: 'approved the budget estimate' },
  'budget.return': { vi: 'trả lại dự trù kinh phí kèm ý kiến', en: 'returned the budget estimate with comments' },
  'budget.revise': { vi: 'lập điều chỉnh dự trù kinh phí', en: 'revised the budget estimate' },
  'budget.exported': { vi: 'tải dự trù kinh phí', en: 'downloaded the budget estimate' },
  'certificates.issued': { vi: 'cấp giấy chứng nhận', en: 'issued the certificates' },
  'certificates.printed': { vi: 'in giấy chứng nhận', en: 'printed the certificates' },
  'certificates.revoked': { vi: 'thu hồi giấy chứng nhận', en: 'revoked the certificate' },
  'certificates.reissued': { vi: 'cấp lại giấy chứng nhận', en: 'reissued the certificate' },
  'awards.republicationDownloaded': {
    vi: 'tải gói đăng lại tác phẩm đoạt giải',
    en: 'downloaded the republication package of a winning entry',
  },
  'archive.exported': { vi: 'tải bản lưu trữ cuộc thi', en: 'downloaded the contest archive' },
  'documents.paymentListMade': { vi: 'lập danh sách chi thưởng', en: 'made the prize payment list' },
  'documents.cchcListMade': { vi: 'lập danh sách cộng điểm CCHC', en: 'made the CCHC list' },
  'documents.settingsSaved': {
    vi: 'lưu thông tin văn bản (cơ quan ban hành, địa danh, người ký)',
    en: 'saved the document details (issuing body, place, signers)',
  },
  'documents.awardDecisionMade': { vi: 'lập dự thảo quyết định khen thưởng', en: 'drafted the award decision' },
  'documents.rosterDecisionMade': {
    vi: 'lập dự thảo quyết định thành lập ban',
    en: 'drafted the decision establishing a body',
  },
  'role.grant': { vi: 'giao vai trò cho', en: 'gave a role to' },
  'role.revoke': { vi: 'thu hồi vai trò của', en: 'took a role from' },
  'entry.intake': { vi: 'tiếp nhận tác phẩm', en: 'registered the entry received' },
  'entry.intakeEdit': { vi: 'sửa hồ sơ tiếp nhận của tác phẩm', en: 'edited the received entry' },
  'entry.intakeSubmit': { vi: 'nộp thay tác phẩm', en: 'submitted on the entrant’s behalf the entry' },
  'entry.intakeWithdraw': { vi: 'rút thay tác phẩm', en: 'withdrew on the entrant’s behalf the entry' },
  'entry.delete': { vi: 'xóa tác phẩm', en: 'deleted the entry' },
  'entry.review': { vi: 'thẩm định tác phẩm', en: 'reviewed the entry' },
  'entry.reviewFinal': { vi: 'quyết định cuối cùng về tác phẩm', en: 'settled the review of the entry' },
  'entry.extendFixDeadline': { vi: 'gia hạn sửa tác phẩm', en: 'gave more time to fix the entry' },
  'entry.publish': { vi: 'đăng tác phẩm', en: 'published' },
  'entry.unpublish': { vi: 'gỡ tác phẩm', en: 'took down the entry' },
  'entry.subtitlesSave': { vi: 'lưu phụ đề của tác phẩm', en: 'saved the subtitles of the entry' },
  'entry.subtitlesDelete': { vi: 'xóa phụ đề của tác phẩm', en: 'deleted the subtitles of the entry' },
  'report.resolve': { vi: 'xử lý phản ánh về tác phẩm', en: 'handled a report about the entry' },
  'voting.residents': { vi: 'nạp danh sách cư dân được bình chọn của', en: 'loaded the residents’ list for voting in' },
  'voting.residentsClear': { vi: 'xóa danh sách cư dân được bình chọn của', en: 'cleared the residents’ list of' },
  'voting.tieDecision': { vi: 'ghi quyết định về bằng phiếu bình chọn của', en: 'recorded the tie decision of' },
  'voting.publishResults': { vi: 'công bố kết quả bình chọn của', en: 'published the voting results of' },
  'news.create': { vi: 'đăng tin', en: 'posted the news' },
  'news.update': { vi: 'sửa tin', en: 'edited the news' },
  'news.delete': { vi: 'xóa tin', en: 'deleted the news' },
  'awards.propose': { vi: 'lập dự kiến phân bổ giải', en: 'proposed the prize allocation' },
  'awards.tieDecision': {
    vi: 'ghi quyết định của Ban Tổ chức về trường hợp đồng điểm',
    en: 'recorded the committee’s decision on a tie',
  },
  'awards.approve': { vi: 'phê duyệt kết quả phân bổ giải', en: 'approved the prize allocation' },
  'awards.reopen': { vi: 'mở lại dự kiến phân bổ giải', en: 'reopened the prize allocation' },
  'awards.announce': { vi: 'công bố kết quả giải thưởng', en: 'announced the results' },
  'awards.revoke': { vi: 'thu hồi giải của tác phẩm', en: 'revoked the prize of the entry' },
  'awards.amend': { vi: 'điều chỉnh kết quả đã công bố', en: 'amended the announced results' },
  'storage.removeOrphans': { vi: 'dọn các tệp không còn dùng', en: 'removed the files no longer used' },
  'privacy.export': { vi: 'tải về dữ liệu cá nhân của', en: 'downloaded the personal data of' },
  'privacy.erasureRequest': { vi: 'yêu cầu xóa dữ liệu cá nhân của', en: 'asked to erase the personal data of' },
  'privacy.erasureCarryOut': { vi: 'xóa dữ liệu cá nhân của', en: 'erased the personal data of' },
  'privacy.erasureRefuse': {
    vi: 'từ chối yêu cầu xóa dữ liệu cá nhân của',
    en: 'refused the request to erase the personal data of',
  },
  'privacy.retention': {
    vi: 'xóa dữ liệu cá nhân quá thời hạn lưu của',
    en: 'removed the personal data past its retention period from',
  },
  'privacy.retentionSet': { vi: 'đặt thời hạn lưu dữ liệu cá nhân của', en: 'set the retention period of' },
  'account.emailChanged': { vi: 'đổi thư điện tử của tài khoản', en: 'changed the e-mail address of the account' },
  'account.phoneChanged': { vi: 'đổi số điện thoại của tài khoản', en: 'changed the phone number of the account' },
  'contest.copy': { vi: 'sao chép cuộc thi', en: 'copied the contest' },
  'contest.rename': { vi: 'đổi tên, địa chỉ của cuộc thi', en: 'renamed the contest' },
  'contest.deleteDemo': { vi: 'xóa cuộc thi mẫu và dữ liệu của nó', en: 'removed the demo contest and its data' },
  'entry.deadlineReminder': { vi: 'nhắc hạn nộp cho bản nháp', en: 'sent a deadline reminder for the draft' },
  'unit.remind': { vi: 'nhắc nhở đơn vị', en: 'reminded the unit' },
  'reference.add': { vi: 'thêm video vào thư viện tham chiếu', en: 'added a clip to the reference library' },
  'reference.delete': { vi: 'xóa video khỏi thư viện tham chiếu', en: 'deleted a clip from the reference library' },
  'fanpage.record': { vi: 'nhập số liệu fanpage của tác phẩm', en: 'entered the fanpage figures of the entry' },
  'fanpage.evidence': {
    vi: 'đính kèm ảnh chụp số liệu fanpage của tác phẩm',
    en: 'attached the fanpage screenshot of the entry',
  },
  'fanpage.import': { vi: 'nhập số liệu fanpage từ tệp CSV', en: 'imported the fanpage figures from CSV' },
  'fanpage.confirm': { vi: 'xác nhận số liệu fanpage', en: 'confirmed the fanpage figures' },
  'voting.settings': { vi: 'sửa thiết lập bình chọn', en: 'edited the voting settings' },
  'votes.decide': { vi: 'xét các phiếu bình chọn bị tạm giữ', en: 'decided on quarantined votes' },
  'votes.digest': {
    vi: 'công bố bản tóm tắt nhật ký bình chọn trong ngày',
    en: 'published the daily digest of the vote log',
  },
  'judging.settings': { vi: 'sửa thiết lập chấm thi', en: 'edited the judging settings' },
  'judging.roundCreate': { vi: 'tạo vòng chấm', en: 'created a judging round' },
  'judging.roundUpdate': { vi: 'sửa vòng chấm', en: 'edited a judging round' },
  'judging.roundOpen': { vi: 'mở vòng chấm', en: 'opened a judging round' },
  'judging.roundLock': { vi: 'khóa vòng chấm', en: 'locked a judging round' },
  'judging.roundReopen': { vi: 'mở lại vòng chấm', en: 'reopened a judging round' },
  'judging.jurors': { vi: 'chỉ định giám khảo của vòng chấm', en: 'appointed the jurors of a round' },
  'judging.shortlist': { vi: 'chọn tác phẩm vào vòng chấm', en: 'chose the entries of a round' },
  'judging.score': { vi: 'lưu điểm chấm', en: 'saved a score sheet' },
  'judging.submit': { vi: 'nộp phiếu chấm của vòng', en: 'submitted their scores for a round' },
  'judging.sheetReopen': { vi: 'mở lại phiếu chấm đã nộp của giám khảo', en: 'reopened a juror’s submitted scores' },
  'judging.conflictDeclare': {
    vi: 'khai báo xung đột lợi ích với tác phẩm',
    en: 'declared a conflict of interest with the entry',
  },
  'judging.conflictWithdraw': {
    vi: 'rút lại khai báo xung đột lợi ích',
    en: 'withdrew a declared conflict of interest',
  },
  'judging.recuse': { vi: 'quyết định giám khảo không chấm tác phẩm', en: 'recused a juror from the entry' },
  'judging.recusalLift': { vi: 'gỡ quyết định giám khảo không chấm tác phẩm', en: 'lifted a juror’s recusal' },
  'judging.tieDecision': {
    vi: 'ghi quyết định về trường hợp đồng điểm của vòng chấm',
    en: 'recorded the decision on a tie in a round',
  },
  'judging.jurorReminder': { vi: 'nhắc giám khảo chấm điểm', en: 'reminded a juror to score' },
  'judging.jurorRemindByHand': {
    vi: 'nhắc giám khảo chấm điểm (bằng thư và tin nhắn)',
    en: 'reminded jurors by e-mail and text message',
  },
  'judging.scoreSheetsPrinted': { vi: 'in phiếu chấm giấy', en: 'printed the paper score sheets' },
  'judging.paperEntered': { vi: 'nhập phiếu chấm giấy', en: 'typed a paper score sheet' },
  'judging.paperResent': { vi: 'nhập lại phiếu chấm giấy bị trả lại', en: 'typed again a returned paper score sheet' },
  'judging.paperConfirmed': {
    vi: 'đối chiếu và xác nhận phiếu chấm giấy',
    en: 'checked and confirmed a paper score sheet',
  },
  'judging.paperRejected': { vi: 'trả lại phiếu chấm giấy nhập sai', en: 'sent back a mistyped paper score sheet' },
  'judging.paperReceived': {
    vi: 'ghi nhận đã nhận phiếu chấm giấy có chữ ký',
    en: 'marked the signed paper sheet received',
  },
  'judging.minutesMade': { vi: 'lập biên bản chấm thi', en: 'made the judging minutes' },
  'job.retry': { vi: 'chạy lại tác vụ xử lý video của tác phẩm', en: 'retried the video processing of the entry' },
};

/** What someone refused was trying to do: the permission (core/roles.ts) that the check named. */
export const AUDIT_ATTEMPTS: Record<string, Words> = {
  'contest.create': { vi: 'tạo cuộc thi', en: 'create a contest' },
  'contest.edit': { vi: 'sửa thiết lập cuộc thi', en: 'edit the contest settings' },
  'contest.viewStaffArea': { vi: 'vào khu quản lý', en: 'open the staff area' },
  'units.view': { vi: 'xem danh sách đơn vị', en: 'see the units' },
  'units.edit': { vi: 'sửa danh sách đơn vị', en: 'edit the units' },
  'roster.view': { vi: 'xem thành viên các ban', en: 'see the committee members' },
  'roster.edit': { vi: 'sửa thành viên các ban', en: 'edit the committee members' },
  'documents.generate': { vi: 'lập hồ sơ, văn bản của cuộc thi', en: 'draft the contest’s documents' },
  'documents.settings': { vi: 'sửa thông tin văn bản của cuộc thi', en: 'edit the contest’s document details' },
  'budget.view': { vi: 'xem dự trù kinh phí', en: 'see the budget estimate' },
  'budget.edit': { vi: 'soạn, trình dự trù kinh phí', en: 'edit or submit the budget estimate' },
  'budget.review': { vi: 'thẩm định dự trù kinh phí', en: 'appraise the budget estimate' },
  'archive.export': { vi: 'tải bản lưu trữ cuộc thi', en: 'download the contest archive' },
  'roles.view': { vi: 'xem vai trò', en: 'see the roles' },
  'roles.edit': { vi: 'giao hoặc thu hồi vai trò', en: 'give or take roles' },
  'audit.view': { vi: 'xem nhật ký', en: 'see the audit log' },
  'entries.viewAll': { vi: 'xem mọi tác phẩm', en: 'see every entry' },
  'entries.intake': { vi: 'tiếp nhận tác phẩm', en: 'register received entries' },
  'entries.delete': { vi: 'xóa tác phẩm', en: 'delete entries' },
  'entries.publish': { vi: 'đăng hoặc gỡ tác phẩm', en: 'publish or take down entries' },
  'reports.handle': { vi: 'xử lý phản ánh', en: 'handle reports' },
  'news.edit': { vi: 'sửa tin tức', en: 'edit the news' },
  'media.manage': { vi: 'quản lý lưu trữ video', en: 'manage the video storage' },
  'entries.review': { vi: 'thẩm định tác phẩm', en: 'review entries' },
  'entries.settleReview': { vi: 'quyết định cuối cùng khi thẩm định', en: 'settle reviews' },
  'awards.view': { vi: 'xem kết quả xét giải', en: 'see the prize allocation' },
  'awards.allocate': { vi: 'lập dự kiến phân bổ giải', en: 'propose the prize allocation' },
  'awards.decide': { vi: 'quyết định về giải thưởng', en: 'decide on the prizes' },
  'units.remind': { vi: 'nhắc nhở đơn vị', en: 'remind units' },
  'references.manage': { vi: 'quản lý thư viện tham chiếu', en: 'manage the reference library' },
  'judging.manageRounds': { vi: 'quản lý các vòng chấm', en: 'manage the judging rounds' },
  'judging.enterPaper': { vi: 'nhập phiếu chấm giấy', en: 'type paper score sheets' },
  'judging.checkPaper': { vi: 'đối chiếu phiếu chấm giấy', en: 'check typed paper score sheets' },
  'judging.viewProgress': { vi: 'theo dõi tiến độ chấm', en: 'follow the judging' },
  'votes.view': { vi: 'xem bình chọn', en: 'see the voting' },
  'votes.review': { vi: 'xét các phiếu bình chọn bị tạm giữ', en: 'review quarantined votes' },
  'fanpage.record': { vi: 'nhập số liệu fanpage', en: 'enter the fanpage figures' },
  'fanpage.confirm': { vi: 'xác nhận số liệu fanpage', en: 'confirm the fanpage figures' },
};

const DETAIL_LABELS: Record<string, Words> = {
  contactName: { vi: 'Người liên hệ', en: 'Contact person' },
  contactPosition: { vi: 'Chức vụ người liên hệ', en: "Contact's position" },
  hasContactPhone: { vi: 'Có số điện thoại liên hệ', en: 'Contact phone given' },
  hasContactEmail: { vi: 'Có thư điện tử liên hệ', en: 'Contact e-mail given' },
  slug: { vi: 'Địa chỉ', en: 'Address' },
  demo: { vi: 'Dữ liệu mẫu', en: 'Demo data' },
  changed: { vi: 'Phần đã sửa', en: 'Changed' },
  phases: { vi: 'Giai đoạn', en: 'Phases' },
  code: { vi: 'Mã tác phẩm', en: 'Entry code' },
  status: { vi: 'Trạng thái', en: 'Status' },
  reason: { vi: 'Lý do', en: 'Reason' },
  party: { vi: 'Dự thi với tư cách', en: 'Entered as' },
  unitId: { vi: 'Mã đơn vị', en: 'Unit number' },
  lang: { vi: 'Ngôn ngữ', en: 'Language' },
  cues: { vi: 'Số câu phụ đề', en: 'Subtitle cues' },
  bytes: { vi: 'Dung lượng (byte)', en: 'Size (bytes)' },
  newNumber: { vi: 'Số mới', en: 'New number' },
  manifestSha256: { vi: 'Mã SHA-256 của manifest.json', en: 'SHA-256 of manifest.json' },
  format: { vi: 'Định dạng', en: 'Format' },
  removed: { vi: 'Đã xóa', en: 'Removed' },
  found: { vi: 'Tìm thấy', en: 'Found' },
  job: { vi: 'Tác vụ', en: 'Job' },
  jobId: { vi: 'Mã tác vụ', en: 'Job number' },
  entries: { vi: 'Tác phẩm', en: 'Entries' },
  captionEdited: { vi: 'Sửa chú thích', en: 'Caption edited' },
  reportId: { vi: 'Mã phản ánh', en: 'Report number' },
  outcome: { vi: 'Kết quả', en: 'Outcome' },
  unpublish: { vi: 'Gỡ tác phẩm', en: 'Taken down' },
  via: { vi: 'Qua', en: 'Through' },
  round: { vi: 'Lượt thẩm định', en: 'Review round' },
  previous: { vi: 'Hạn cũ', en: 'Previous deadline' },
  fixDeadline: { vi: 'Hạn sửa', en: 'Fix deadline' },
  body: { vi: 'Ban', en: 'Body' },
  fullName: { vi: 'Họ tên', en: 'Name' },
  roleInBody: { vi: 'Vai trò trong ban', en: 'Role in the body' },
  revision: { vi: 'Lần dự trù', en: 'Revision' },
  total: { vi: 'Tổng kinh phí (đồng)', en: 'Total (dong)' },
  text: { vi: 'Ý kiến, lý do', en: 'Comments or reason' },
  members: { vi: 'Số thành viên', en: 'Members' },
  issued: { vi: 'Số giấy đã cấp', en: 'Certificates issued' },
  numbers: { vi: 'Số giấy chứng nhận', en: 'Certificate numbers' },
  number: { vi: 'Số giấy chứng nhận', en: 'Certificate number' },
  name: { vi: 'Tên', en: 'Name' },
  category: { vi: 'Loại đơn vị', en: 'Unit category' },
  role: { vi: 'Vai trò', en: 'Role' },
  filename: { vi: 'Tệp', en: 'File' },
  created: { vi: 'Thêm mới', en: 'Created' },
  updated: { vi: 'Cập nhật', en: 'Updated' },
  source: { vi: 'Nguồn', en: 'Source' },
  title: { vi: 'Tiêu đề', en: 'Title' },
  decision: { vi: 'Quyết định', en: 'Decision' },
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function valueText(v: unknown, lang: Lang, timeZone: string): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? (lang === 'vi' ? 'có' : 'yes') : lang === 'vi' ? 'không' : 'no';
  if (typeof v === 'string') return ISO_INSTANT.test(v) ? formatDateTime(v, timeZone) : v;
  if (typeof v === 'number') return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(v);
  if (Array.isArray(v)) return v.length ? v.map((x) => valueText(x, lang, timeZone)).join(', ') : '—';
  return Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${DETAIL_LABELS[k]?.[lang] ?? k}: ${valueText(x, lang, timeZone)}`)
    .join('; ');
}

/** The details as labelled fields, in a stable order; nothing for an empty record. */
export function auditDetailFields(
  details: unknown,
  lang: Lang,
  timeZone: string,
): { key: string; label: string; value: string }[] {
  if (!details || typeof details !== 'object' || Array.isArray(details)) return [];
  return Object.entries(details as Record<string, unknown>).map(([key, v]) => ({
    key,
    label: DETAIL_LABELS[key]?.[lang] ?? key,
    value: valueText(v, lang, timeZone),
  }));
}

/** The action in words: its verb phrase, or its code for an action not known here. */
export function auditActionText(action: string, lang: Lang): string {
  return AUDIT_ACTIONS[action]?.[lang] ?? action;
}

/** "Nguyễn Văn A thẩm định tác phẩm «Một cửa» (VL-001)." and, for a refusal, what was attempted. */
export function auditSentence(r: AuditRecordFacts, lang: Lang): string {
  const who = r.actorName ?? (lang === 'vi' ? 'Hệ thống' : 'The system');
  const target = r.targetLabel ? ` ${r.targetLabel}` : '';
  if (r.action === 'entry.publish' && !r.targetLabel) {
    const n = Array.isArray((r.details as { entries?: unknown[] } | null)?.entries)
      ? (r.details as { entries: unknown[] }).entries.length
      : 0;
    return lang === 'vi' ? `${who} đăng ${n} tác phẩm.` : `${who} published ${n} entries.`;
  }
  if (r.outcome === 'denied') {
    const attempt = AUDIT_ATTEMPTS[r.action]?.[lang] ?? `«${r.action}»`;
    return lang === 'vi'
      ? `${who} không có quyền ${attempt}${target}; thao tác bị từ chối.`
      : `${who} was refused: no permission to ${attempt}${target}.`;
  }
  const verb = AUDIT_ACTIONS[r.action]?.[lang];
  const sentence = verb ? `${who} ${verb}${target}` : `${who}: «${r.action}»${target}`;
  if (r.outcome === 'failed') return lang === 'vi' ? `${sentence} (không thành công).` : `${sentence} (failed).`;
  return `${sentence}.`;
}
