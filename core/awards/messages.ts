/**
 * The awards' refusals, in the shape of `ERRORS` in core/errors.ts so that the server can add them there
 * (`...AWARDS_ERRORS`), and the sentences the results and documents state.
 */
import type { VoteSource } from '../voting/settings.ts';

export const AWARDS_ERRORS = {
  'awards.judgingNotLocked': {
    status: 409,
    vi:
      'Chưa thể xét giải: kết quả chấm vòng chung khảo chưa được khóa. ' +
      'Đề nghị Ban Giám khảo hoàn tất và khóa kết quả chấm, rồi xét giải.',
    en:
      'Prizes cannot be allocated yet: the final round’s scores are not locked. ' +
      'Ask the jury to finish and lock the scores, then allocate.',
  },
  'awards.votingNotClosed': {
    status: 409,
    vi: 'Chưa thể xét giải bình chọn: thời gian bình chọn chưa kết thúc hoặc kết quả bình chọn chưa được chốt.',
    en: 'The public-vote prize cannot be allocated yet: voting has not ended or its result is not final.',
  },
  'awards.fanpageNotConfirmed': {
    status: 409,
    vi:
      'Chưa thể xét giải bình chọn: giải này tính theo số liệu trên fanpage, mà số liệu của các tác phẩm chưa được ' +
      'xác nhận đầy đủ. Đề nghị nhập số liệu và ảnh chụp màn hình của từng tác phẩm, rồi một người khác xác nhận ' +
      '(mục Bình chọn, Số liệu fanpage), sau đó xét giải.',
    en:
      'The public-vote prize cannot be allocated yet: it follows the fanpage figures, and not every entry’s figures ' +
      'are confirmed. Enter each entry’s figures with a screenshot and have a second person confirm them (Voting, ' +
      'Fanpage figures), then allocate.',
  },
  'awards.noAllocation': {
    status: 409,
    vi: 'Chưa có dự kiến phân bổ giải. Hãy lập dự kiến phân bổ giải trước.',
    en: 'There is no proposed allocation yet. Propose one first.',
  },
  'awards.openTies': {
    status: 409,
    vi:
      'Còn {count} trường hợp đồng điểm ở ranh giới giữa các giải chưa có quyết định của Ban Tổ chức. ' +
      'Hãy ghi quyết định (thứ tự các tác phẩm và lý do) cho từng trường hợp, rồi phê duyệt.',
    en:
      '{count} tie(s) at a prize boundary still need the committee’s decision. ' +
      'Record the order of the tied entries and the reason for each, then approve.',
  },
  'awards.changedSinceProposal': {
    status: 409,
    vi:
      'Dữ liệu xét giải đã thay đổi kể từ khi lập dự kiến (kết quả chấm, bình chọn hoặc tác phẩm rút/bị loại). ' +
      'Hãy lập lại dự kiến phân bổ và xem lại trước khi phê duyệt.',
    en:
      'The facts changed since this allocation was proposed (scores, votes, ' +
      'or an entry withdrawn or disqualified). Propose it again and check it before approving.',
  },
  'awards.changedSinceApproval': {
    status: 409,
    vi:
      'Dữ liệu xét giải đã thay đổi sau khi phê duyệt (ví dụ một tác phẩm đạt giải đã rút). ' +
      'Hãy mở lại dự kiến (nêu lý do), lập lại và phê duyệt lại trước khi công bố.',
    en:
      'The facts changed after approval (for example a winning entry was withdrawn). ' +
      'Reopen the allocation (giving the reason), propose it again and approve it again before announcing.',
  },
  'awards.alreadyApproved': {
    status: 409,
    vi: 'Kết quả phân bổ giải đã được phê duyệt. Muốn sửa, hãy mở lại dự kiến và nêu lý do.',
    en: 'The allocation is already approved. To change it, reopen it and give the reason.',
  },
  'awards.notApproved': {
    status: 409,
    vi: 'Kết quả phân bổ giải chưa được Ban Tổ chức phê duyệt.',
    en: 'The committee has not approved the allocation yet.',
  },
  'awards.alreadyAnnounced': {
    status: 409,
    vi: 'Kết quả đã được công bố.',
    en: 'The results have already been announced.',
  },
  'awards.announcedNeedsDecision': {
    status: 409,
    vi:
      'Kết quả đã công bố chỉ được thay đổi bằng một quyết định của Ban ' +
      'Tổ chức có ghi lý do (thu hồi giải hoặc điều chỉnh kết quả).',
    en:
      'Announced results change only through a recorded decision of the ' +
      'committee with its reason (revoking a prize or amending the results).',
  },
  'awards.notAnnounced': {
    status: 409,
    vi: 'Kết quả chưa công bố: hãy sửa dự kiến phân bổ thay vì điều chỉnh.',
    en: 'The results are not announced: change the proposed allocation instead of amending.',
  },
  'awards.nothingToChange': {
    status: 409,
    vi: 'Không có thay đổi nào so với kết quả đã công bố.',
    en: 'Nothing differs from the announced results.',
  },
  'awards.reasonTooShort': {
    status: 400,
    vi: 'Cần ghi lý do (ít nhất 10 ký tự) để lưu vào hồ sơ quyết định.',
    en: 'Give the reason (at least 10 characters) for the record of the decision.',
  },
  'awards.resultsNotAnnounced': {
    status: 404,
    vi: 'Kết quả cuộc thi chưa được công bố. Mời bạn quay lại sau khi Ban Tổ chức công bố kết quả.',
    en: 'The results have not been announced yet. Please come back once the organizing committee announces them.',
  },
  'awards.notAWinner': {
    status: 404,
    vi: 'Tác phẩm này không có trong danh sách đoạt giải đã công bố; chọn một tác phẩm đoạt giải.',
    en: 'This entry is not among the announced winners; choose a winning entry.',
  },
  'awards.decisionDoesNotApply': {
    status: 409,
    vi: 'Quyết định không áp dụng được: {why}',
    en: 'The decision does not apply: {why}',
  },
} as const satisfies Record<string, { status: number; vi: string; en: string }>;
export type AwardsErrorCode = keyof typeof AWARDS_ERRORS;

export const UNAWARDED_TEXT = {
  fewerEligibleEntries: {
    vi: 'Không trao: số tác phẩm đủ điều kiện ít hơn số giải.',
    en: 'Not awarded: fewer eligible entries than prizes.',
  },
  noVotedEntry: {
    vi: 'Không trao: không còn tác phẩm đủ điều kiện có phiếu bình chọn hợp lệ.',
    en: 'Not awarded: no eligible entry with valid votes is left.',
  },
  revoked: {
    vi: 'Giải đã bị thu hồi theo quyết định của Ban Tổ chức.',
    en: 'Revoked by decision of the organizing committee.',
  },
} as const;

export const UNUSED_DECISION_TEXT = {
  noSuchTie: {
    vi: 'không còn trường hợp đồng điểm này (có tác phẩm đã rút, bị loại hoặc điểm đã thay đổi)',
    en: 'this tie no longer exists (an entry was withdrawn or disqualified, or the scores changed)',
  },
  orderMismatch: {
    vi: 'thứ tự phải liệt kê đúng và đủ các tác phẩm đồng điểm',
    en: 'the order must list exactly the tied entries',
  },
  notAWinner: { vi: 'tác phẩm không giữ giải này', en: 'the entry does not hold this prize' },
  superseded: { vi: 'đã được thay bằng một quyết định sau', en: 'replaced by a later decision' },
} as const;

/** How each count is named where a vote prize's rule is stated. */
const MOST = {
  platform: { vi: 'nhiều phiếu bình chọn hợp lệ nhất trên nền tảng', en: 'the most valid votes on the platform' },
  fanpage: {
    vi: 'điểm cao nhất theo số liệu fanpage đã được xác nhận',
    en: 'the highest score from the confirmed fanpage figures',
  },
} as const;

/**
 * The sentence the results page, the allocation screen and the award decision state about a vote prize's rule,
 * naming the count that decides it (the platform's votes or the fanpage's figures, ADR 0048).
 */
export function voteRuleText(
  prizeName: string,
  openToJuryWinners: boolean,
  source: VoteSource = 'platform',
): { vi: string; en: string } {
  const most = MOST[source];
  return openToJuryWinners
    ? {
        vi: `${prizeName} được trao cho tác phẩm có ${most.vi}, kể cả tác phẩm đã đạt giải của Ban Giám khảo.`,
        en: `The ${prizeName} goes to the entry with ${most.en}, even one that also won a jury prize.`,
      }
    : {
        vi: `${prizeName} được trao cho tác phẩm có ${most.vi} trong số các tác phẩm không đạt giải của Ban Giám khảo.`,
        en: `The ${prizeName} goes to the entry with ${most.en} among those that won no jury prize.`,
      };
}
