/**
 * What judging tells people, in Vietnamese and English. Two kinds:
 * - `JUDGING_ERRORS`: refusals a service throws, shaped like `ERRORS` in core/errors.ts (status, vi, en) so that
 *   they can be spread into it and carried by `AppError`. Their parameters are names, codes and dates, the same in
 *   both languages.
 * - `PROBLEMS`: the items listed under such an error (a criterion off its scale, a missing comment, a round that
 *   cannot open yet), each naming what is wrong and the fix; numbers are written the way each language writes them.
 */
import { formatNumber, type Lang } from './format.ts';

export const JUDGING_ERRORS = {
  'judging.roundNotFound': {
    status: 404,
    vi: 'Không tìm thấy vòng chấm này.',
    en: 'This judging round was not found.',
  },
  'judging.roundNotOpen': {
    status: 409,
    vi: 'Vòng chấm "{round}" chưa mở nên chưa thể lưu điểm. Hãy chờ Trưởng ban Giám khảo mở vòng chấm.',
    en: 'The judging round "{round}" is not open yet, so scores cannot be saved. Wait for the jury chair to open it.',
  },
  'judging.roundLocked': {
    status: 409,
    vi:
      'Vòng chấm "{round}" đã khóa nên không thể lưu hoặc sửa điểm. ' +
      'Nếu cần sửa, hãy đề nghị Trưởng ban Giám khảo mở lại vòng chấm.',
    en:
      'The judging round "{round}" is locked, so scores can no longer be saved or changed. ' +
      'To make a change, ask the jury chair to reopen the round.',
  },
  'judging.noJurors': {
    status: 409,
    vi: 'Vòng chấm "{round}" chưa có giám khảo nên chưa in được phiếu chấm. Hãy chỉ định giám khảo cho vòng chấm.',
    en: 'The judging round "{round}" has no jurors yet, so there are no score sheets to print. Appoint its jurors.',
  },
  'judging.minutesNeedLock': {
    status: 409,
    vi:
      'Vòng chấm "{round}" chưa khóa nên chưa lập được biên bản: kết quả còn có thể thay đổi. ' +
      'Hãy khóa vòng chấm khi mọi giám khảo đã nộp phiếu, rồi tải biên bản.',
    en:
      'The judging round "{round}" is not locked, so its minutes cannot be made yet: the result may still change. ' +
      'Lock the round once every juror has submitted, then download the minutes.',
  },
  'judging.noJudgingPhase': {
    status: 409,
    vi: 'Cuộc thi chưa có lịch giai đoạn chấm thi nên chưa thể chấm điểm. Ban Tổ chức cần đặt lịch giai đoạn này.',
    en:
      'The contest has no judging phase in its schedule, so nothing can be scored yet. ' +
      'The organizers need to schedule it.',
  },
  'judging.outsideJudgingPhase': {
    status: 409,
    vi:
      'Hiện không trong giai đoạn chấm thi của cuộc thi ({start} – {end}). ' +
      'Điểm chỉ được lưu trong giai đoạn này; nếu lịch cần thay đổi, hãy liên hệ Ban Tổ chức.',
    en:
      "It is outside the contest's judging phase ({start} – {end}). " +
      'Scores can only be saved during it; if the schedule needs to change, contact the organizers.',
  },
  'judging.beforeRoundWindow': {
    status: 409,
    vi: 'Vòng chấm "{round}" nhận điểm từ {start} đến {end}. Hãy quay lại khi đến thời gian chấm.',
    en: 'The judging round "{round}" takes scores from {start} to {end}. Come back when it starts.',
  },
  'judging.afterRoundWindow': {
    status: 409,
    vi:
      'Vòng chấm "{round}" đã hết thời gian chấm lúc {end}. Điểm đã lưu vẫn được giữ nguyên; ' +
      'nếu cần thêm thời gian, hãy liên hệ Trưởng ban Giám khảo.',
    en:
      'The scoring time of round "{round}" ended at {end}. ' +
      'The scores already saved are kept; if you need more time, contact the jury chair.',
  },
  'judging.notRoundJuror': {
    status: 403,
    vi: 'Bạn không phải giám khảo của vòng chấm "{round}". Nếu đây là nhầm lẫn, hãy liên hệ Ban Tổ chức.',
    en: 'You are not a juror of the round "{round}". If this is a mistake, contact the organizers.',
  },
  'judging.sheetSubmitted': {
    status: 409,
    vi:
      'Bạn đã nộp phiếu chấm vòng "{round}" nên điểm đã được khóa. ' +
      'Nếu cần sửa, hãy đề nghị Trưởng ban Giám khảo mở lại phiếu chấm của bạn.',
    en:
      'You have submitted your score sheet for round "{round}", so your scores are locked. ' +
      'To change them, ask the jury chair to reopen your sheet.',
  },
  'judging.paperJuror': {
    status: 409,
    vi:
      'Ở vòng "{round}" bạn chấm trên phiếu giấy; Thư ký sẽ nhập điểm từ phiếu đã ký. ' +
      'Nếu muốn chấm trực tuyến, hãy đề nghị Ban Tổ chức đổi hình thức chấm của bạn.',
    en:
      'In round "{round}" you score on paper; the secretary types the scores from your signed sheet. ' +
      'To score online instead, ask the organizers to change how you score.',
  },
  'judging.onlineJuror': {
    status: 409,
    vi:
      'Giám khảo {juror} chấm trực tuyến ở vòng "{round}" nên không nhập phiếu giấy cho người này. ' +
      'Nếu giám khảo đã chuyển sang phiếu giấy, hãy đề nghị Ban Tổ chức đổi hình thức chấm.',
    en:
      'Juror {juror} scores online in round "{round}", so no paper sheet is typed for them. ' +
      'If they have moved to paper, ask the organizers to change how they score.',
  },
  'judging.entryNotInRound': {
    status: 404,
    vi: 'Tác phẩm {entry} không thuộc vòng chấm "{round}". Hãy tải lại danh sách tác phẩm của vòng.',
    en: 'Entry {entry} is not in the judging round "{round}". Reload the round\'s list of entries.',
  },
  'judging.conflicted': {
    status: 403,
    vi:
      'Bạn có xung đột lợi ích với tác phẩm {entry} nên không được xem hay chấm tác phẩm này. ' +
      'Điểm của bạn cho tác phẩm này (nếu có) không được tính.',
    en:
      'You have a conflict of interest with entry {entry}, so you may not view or score it. ' +
      'Any score of yours on it does not count.',
  },
  'judging.recused': {
    status: 403,
    vi:
      'Trưởng ban Giám khảo đã quyết định bạn không chấm tác phẩm {entry} (lý do đã được ghi lại). ' +
      'Nếu có thắc mắc, hãy liên hệ Trưởng ban Giám khảo.',
    en:
      'The jury chair has recused you from entry {entry} (the reason is on record). ' +
      'If you have a question, contact the jury chair.',
  },
  'judging.notAssigned': {
    status: 403,
    vi:
      'Tác phẩm {entry} không được phân công cho bạn trong vòng "{round}". ' +
      'Hãy chấm các tác phẩm trong danh sách của bạn.',
    en: 'Entry {entry} is not assigned to you in round "{round}". Score the entries on your list.',
  },
  'judging.staleVersion': {
    status: 409,
    vi:
      'Điểm tác phẩm {entry} vừa được lưu từ một cửa sổ hoặc thiết bị khác (phiên bản {stored}), mới hơn phiên ' +
      'bản bạn đang sửa ({base}). Điểm bạn vừa nhập chưa bị mất: hãy so sánh hai bản và chọn bản giữ lại.',
    en:
      'The scores of entry {entry} were just saved from another window or device ' +
      '(version {stored}), newer than the one you were editing ({base}). ' +
      'What you just entered is not lost: compare the two and choose which to keep.',
  },
  'judging.sheetInvalid': {
    status: 400,
    vi: 'Phiếu chấm tác phẩm {entry} có {count} lỗi. Hãy sửa các mục được liệt kê rồi lưu lại.',
    en: 'The score sheet of entry {entry} has {count} problem(s). Fix the items listed and save again.',
  },
  'judging.sheetIncomplete': {
    status: 400,
    vi:
      'Chưa thể nộp phiếu chấm: còn {count} mục chưa xong. ' +
      'Hãy chấm đủ các tiêu chí, ghi các nhận xét bắt buộc, hoặc chọn không chấm kèm lý do, rồi nộp lại.',
    en:
      'The score sheet cannot be submitted yet: {count} item(s) unfinished. ' +
      'Score every criterion, write the required comments, or abstain with a reason, then submit again.',
  },
  'judging.rubricInvalid': {
    status: 400,
    vi: 'Bộ tiêu chí chấm có {count} lỗi. Hãy sửa các mục được liệt kê rồi lưu lại.',
    en: 'The rubric has {count} problem(s). Fix the items listed and save again.',
  },
  'judging.cannotOpen': {
    status: 409,
    vi: 'Chưa thể mở vòng chấm "{round}": còn {count} vấn đề. Hãy xử lý các mục được liệt kê rồi mở lại.',
    en:
      'The judging round "{round}" cannot open yet: {count} problem(s) remain. ' +
      'Deal with the items listed and open it again.',
  },
  'judging.openRefused': {
    status: 409,
    vi:
      'Vòng chấm "{round}" đã được mở trước đó. ' +
      'Nếu vòng đã khóa và cần chấm tiếp, hãy dùng "Mở lại vòng chấm" kèm lý do.',
    en:
      'The judging round "{round}" has been opened before. ' +
      'If it is locked and scoring must go on, use "Reopen the round" with a reason.',
  },
  'judging.lockRefused': {
    status: 409,
    vi:
      'Vòng chấm "{round}" không ở trạng thái đang mở nên không thể khóa. ' +
      'Hãy tải lại trang để xem trạng thái hiện tại.',
    en: 'The judging round "{round}" is not open, so it cannot be locked. Reload the page to see its current state.',
  },
  'judging.reopenRefused': {
    status: 409,
    vi: 'Vòng chấm "{round}" chưa khóa nên không cần mở lại. Hãy tải lại trang để xem trạng thái hiện tại.',
    en:
      'The judging round "{round}" is not locked, so there is nothing to reopen. ' +
      'Reload the page to see its current state.',
  },
  'judging.laterRoundStarted': {
    status: 409,
    vi: 'Không thể mở lại vòng "{round}" vì vòng tiếp theo "{next}" đã mở với danh sách tác phẩm lấy từ vòng này.',
    en:
      'The round "{round}" cannot be reopened: ' +
      'the next round "{next}" has already opened with the entries this round selected.',
  },
  'judging.sheetNotSubmitted': {
    status: 409,
    vi: 'Giám khảo {juror} chưa nộp phiếu chấm vòng "{round}" nên không cần mở lại.',
    en: 'Juror {juror} has not submitted a score sheet for round "{round}", so there is nothing to reopen.',
  },
  'judging.chairOnly': {
    status: 403,
    vi: 'Chỉ Trưởng ban Giám khảo của vòng "{round}" mới được thực hiện thao tác này.',
    en: 'Only the jury chair of round "{round}" may do this.',
  },
  'judging.reasonRequired': {
    status: 400,
    vi: 'Hãy ghi lý do (ít nhất {min} ký tự); lý do được lưu vào hồ sơ và biên bản chấm thi.',
    en: 'Give a reason (at least {min} characters); it is kept on record and in the minutes.',
  },
  'judging.chairConflicted': {
    status: 403,
    vi:
      'Trưởng ban Giám khảo có xung đột lợi ích với tác phẩm {entry} nên không thể quyết định ' +
      'thứ hạng của tác phẩm này. Ban Tổ chức cần chỉ định người khác chủ trì việc phân định.',
    en:
      'The jury chair has a conflict of interest with entry {entry}, so may not decide its place. ' +
      'The organizers need to appoint someone else to break this tie.',
  },
  'judging.tieNeedsLock': {
    status: 409,
    vi:
      'Hãy khóa vòng chấm "{round}" trước khi phân định các tác phẩm bằng điểm: ' +
      'khi vòng còn mở, điểm vẫn có thể thay đổi.',
    en: 'Lock the round "{round}" before breaking ties: while it is open, the scores can still change.',
  },
  'judging.tieDecisionMismatch': {
    status: 409,
    vi:
      'Quyết định phân định phải xếp đúng các tác phẩm đang bằng điểm: ' +
      '{entries}. Hãy tải lại bảng xếp hạng rồi quyết định lại.',
    en: 'A tie decision must order exactly the entries that are tied: {entries}. Reload the ranking and decide again.',
  },
  'judging.paperSelfCheck': {
    status: 403,
    vi:
      'Phiếu chấm giấy phải do một người khác (không phải người đã nhập) đối chiếu với bản đã ký. ' +
      'Hãy nhờ một thư ký khác hoặc Trưởng ban Giám khảo kiểm tra.',
    en:
      'A paper score sheet must be checked by someone other than the person who entered it. ' +
      'Ask another secretary or the jury chair to check it.',
  },
  'judging.jurorNotInRound': {
    status: 404,
    vi: '{juror} không phải giám khảo của vòng "{round}". Hãy chọn một giám khảo trong danh sách của vòng.',
    en: '{juror} is not a juror of the round "{round}". Choose a juror on the round\'s list.',
  },
  'judging.paperReceived': {
    status: 409,
    vi:
      'Phiếu chấm giấy của giám khảo {juror} ở vòng "{round}" đã được ghi nhận đã nhận nên điểm đã khóa. ' +
      'Nếu cần sửa, hãy đề nghị Trưởng ban Giám khảo mở lại phiếu chấm của giám khảo này.',
    en:
      'Juror {juror}\'s signed paper sheet for round "{round}" has been marked received, so the scores are locked. ' +
      "To change them, ask the jury chair to reopen this juror's sheet.",
  },
  'judging.paperNotTyped': {
    status: 404,
    vi:
      'Phiếu giấy của giám khảo {juror} cho tác phẩm {entry} chưa được nhập nên chưa có gì để đối chiếu. ' +
      'Hãy nhập điểm từ phiếu đã ký trước.',
    en:
      "Juror {juror}'s paper sheet for entry {entry} has not been typed, so there is nothing to check. " +
      'Type the scores from the signed sheet first.',
  },
  'judging.paperChanged': {
    status: 409,
    vi:
      'Phiếu giấy của giám khảo {juror} cho tác phẩm {entry} vừa được nhập lại (phiên bản {stored}) sau khi bạn mở ' +
      '(phiên bản {seen}). Hãy tải lại và đối chiếu bản mới với phiếu đã ký.',
    en:
      "Juror {juror}'s paper sheet for entry {entry} was typed again (version {stored}) after you opened it " +
      '(version {seen}). Reload and check the new version against the signed sheet.',
  },
  'judging.paperAlreadyChecked': {
    status: 409,
    vi:
      'Phiếu giấy của giám khảo {juror} cho tác phẩm {entry} đã được đối chiếu rồi. ' +
      'Nếu cần sửa, hãy nhập lại điểm; bản nhập lại sẽ cần đối chiếu lần nữa.',
    en:
      "Juror {juror}'s paper sheet for entry {entry} has already been checked. " +
      'To correct it, type the scores again; the new version will need checking again.',
  },
  'judging.paperIncomplete': {
    status: 409,
    vi:
      'Phiếu giấy của giám khảo {juror} cho tác phẩm {entry} còn thiếu điểm hoặc nhận xét bắt buộc nên chưa thể ' +
      'xác nhận. Hãy trả lại người nhập kèm lý do, hoặc nhập đủ theo phiếu đã ký.',
    en:
      "Juror {juror}'s paper sheet for entry {entry} lacks a score or a required comment, so it cannot be " +
      'confirmed. Send it back to whoever typed it with a reason, or complete it from the signed sheet.',
  },
  'judging.paperNotReady': {
    status: 409,
    vi:
      'Chưa thể ghi nhận đã nhận phiếu chấm giấy của giám khảo {juror}: còn {count} tác phẩm chưa nhập hoặc chưa ' +
      'được đối chiếu. Hãy xử lý các mục được liệt kê.',
    en:
      "Juror {juror}'s signed paper sheet cannot be marked received yet: {count} entry(ies) not typed or not " +
      'checked. Deal with the items listed.',
  },
  'judging.unitConflictFixed': {
    status: 409,
    vi:
      'Giám khảo {juror} cùng đơn vị với tác phẩm {entry}: xung đột này được tính tự động theo đơn vị và không gỡ ' +
      'được. Nếu đơn vị của giám khảo ghi sai, Ban Tổ chức sửa đơn vị trong danh sách giám khảo của vòng.',
    en:
      'Juror {juror} is from the same unit as entry {entry}: this conflict follows from the units and cannot be ' +
      "lifted. If the juror's unit is wrong, the organizers correct it on the round's list of jurors.",
  },
  'judging.noSuchConflict': {
    status: 404,
    vi: 'Không có xung đột đang hiệu lực giữa giám khảo {juror} và tác phẩm {entry} để gỡ. Hãy tải lại danh sách.',
    en: 'There is no conflict in force between juror {juror} and entry {entry} to take back. Reload the list.',
  },
  'judging.conflictJudged': {
    status: 409,
    vi:
      'Vòng chấm "{round}" đã khóa với xung đột này đang hiệu lực cho tác phẩm {entry}, nên không gỡ được: ' +
      'kết quả của vòng đã khóa không được thay đổi.',
    en:
      'The round "{round}" was locked with this conflict in force for entry {entry}, so it cannot be taken back: ' +
      "a locked round's results must not change.",
  },
  'judging.remindNotOpen': {
    status: 409,
    vi: 'Vòng chấm "{round}" chưa mở nên chưa có gì để nhắc giám khảo. Hãy mở vòng chấm trước.',
    en: 'The judging round "{round}" is not open yet, so there is nothing to remind jurors of. Open the round first.',
  },
  'judging.remindLocked': {
    status: 409,
    vi:
      'Vòng chấm "{round}" đã khóa nên không nhắc giám khảo được nữa. ' +
      'Nếu cần chấm tiếp, Trưởng ban Giám khảo mở lại vòng chấm trước.',
    en:
      'The judging round "{round}" is locked, so jurors can no longer be reminded. ' +
      'If scoring must go on, the jury chair reopens the round first.',
  },
  'judging.remindNotNeeded': {
    status: 409,
    vi:
      'Không cần nhắc giám khảo {juror} ở vòng "{round}": chỉ nhắc giám khảo chấm trực tuyến, có tác phẩm để chấm ' +
      'và chưa nộp phiếu (phiếu giấy do Thư ký nhập).',
    en:
      'Juror {juror} of round "{round}" needs no reminder: only jurors who score online, have entries to score and ' +
      'have not submitted are reminded (paper sheets are typed by the secretary).',
  },
  'judging.remindTooSoon': {
    status: 429,
    vi:
      'Giám khảo {juror} đã được nhắc lúc {at}; mỗi giám khảo chỉ được nhắc tối đa một lần trong {hours} giờ. ' +
      'Có thể nhắc lại từ {next}.',
    en:
      'Juror {juror} was reminded at {at}; a juror can be reminded at most once every {hours} hours. ' +
      'You can remind them again from {next}.',
  },
  'judging.roundNotDraft': {
    status: 409,
    vi:
      'Vòng chấm "{round}" đã mở nên không thể sửa cấu hình hoặc danh sách giám khảo. ' +
      'Chỉ vòng chấm ở trạng thái nháp mới được sửa.',
    en:
      'The judging round "{round}" has opened, so its configuration and jurors can no longer change. ' +
      'Only a round in draft can be edited.',
  },
  'judging.noPreviousRound': {
    status: 409,
    vi:
      'Vòng chấm "{round}" là vòng đầu tiên nên không có vòng trước để chọn tác phẩm. ' +
      'Vòng đầu tiên nhận tất cả tác phẩm đã được duyệt.',
    en:
      'The judging round "{round}" is the first one, so there is no previous round to shortlist from. ' +
      'The first round takes every approved entry.',
  },
  'judging.notContestJuror': {
    status: 400,
    vi:
      '{name} chưa có vai trò Giám khảo trong cuộc thi này. ' +
      'Hãy cấp vai trò Giám khảo trước, rồi thêm vào vòng chấm.',
    en: '{name} does not hold the juror role in this contest. Grant the juror role first, then add them to the round.',
  },
  'judging.tooManyChairs': {
    status: 400,
    vi: 'Mỗi vòng chấm chỉ có một Trưởng ban Giám khảo, nhưng danh sách có {count} người. Hãy chọn một người.',
    en: 'A round has exactly one jury chair, but the list names {count}. Choose one.',
  },
} as const satisfies Record<string, { status: number; vi: string; en: string }>;

export type JudgingErrorCode = keyof typeof JUDGING_ERRORS;

export const PROBLEMS = {
  // A juror's score sheet.
  'sheet.unknownCriterion': {
    vi:
      'Tiêu chí "{criterion}" không có trong bộ tiêu chí của vòng này. ' +
      'Hãy tải lại trang để dùng bộ tiêu chí hiện hành.',
    en: 'Criterion "{criterion}" is not in this round\'s rubric. Reload the page to use the current rubric.',
  },
  'sheet.offScale': {
    vi: 'Tiêu chí "{criterion}": điểm {value} nằm ngoài thang điểm {min}–{max}. Hãy cho điểm từ {min} đến {max}.',
    en: 'Criterion "{criterion}": {value} is outside the scale {min}–{max}. Give a score from {min} to {max}.',
  },
  'sheet.offStep': {
    vi: 'Tiêu chí "{criterion}": điểm {value} không đúng bước chấm {step}. Hãy chọn {lower} hoặc {upper}.',
    en: 'Criterion "{criterion}": {value} is not on the steps of {step}. Choose {lower} or {upper}.',
  },
  'sheet.missingScore': {
    vi: 'Tiêu chí "{criterion}" chưa có điểm. Hãy chấm tiêu chí này, hoặc chọn không chấm tác phẩm kèm lý do.',
    en: 'Criterion "{criterion}" has no score yet. Score it, or abstain from this entry with a reason.',
  },
  'sheet.commentAlways': {
    vi: 'Tiêu chí "{criterion}" cần có nhận xét (ít nhất {min} ký tự). Hãy ghi nhận xét cho tiêu chí này.',
    en: 'Criterion "{criterion}" needs a comment (at least {min} characters). Write one.',
  },
  'sheet.commentBelow': {
    vi:
      'Tiêu chí "{criterion}": điểm {value} thấp hơn {threshold} nên ' +
      'cần nhận xét giải thích (ít nhất {min} ký tự). Hãy ghi nhận xét.',
    en:
      'Criterion "{criterion}": a score of {value}, below {threshold}, ' +
      'needs a comment explaining it (at least {min} characters). Write one.',
  },
  'sheet.commentAbove': {
    vi:
      'Tiêu chí "{criterion}": điểm {value} cao hơn {threshold} nên cần ' +
      'nhận xét giải thích (ít nhất {min} ký tự). Hãy ghi nhận xét.',
    en:
      'Criterion "{criterion}": a score of {value}, above {threshold}, ' +
      'needs a comment explaining it (at least {min} characters). Write one.',
  },
  'sheet.abstainReason': {
    vi:
      'Khi không chấm tác phẩm này, hãy ghi lý do (ít nhất {min} ký tự), ví dụ: ' +
      'không đủ chuyên môn về hình thức tác phẩm.',
    en:
      'To abstain from this entry, give a reason (at least {min} characters), for example: ' +
      'not qualified to judge this form.',
  },
  'sheet.abstainWithScores': {
    vi: 'Đã chọn không chấm tác phẩm này nhưng phiếu vẫn còn điểm. Hãy xóa các điểm hoặc bỏ chọn "Không chấm".',
    en: 'You chose to abstain from this entry but the sheet still has scores. Clear them or untick "Abstain".',
  },
  'sheet.entryMissing': {
    vi: 'Tác phẩm {entry} chưa được chấm. Hãy chấm tác phẩm này, hoặc chọn không chấm kèm lý do.',
    en: 'Entry {entry} has not been scored. Score it, or abstain from it with a reason.',
  },

  // The rubric of a round.
  'rubric.empty': {
    vi: 'Bộ tiêu chí cần ít nhất một tiêu chí. Hãy thêm tiêu chí chấm.',
    en: 'The rubric needs at least one criterion. Add one.',
  },
  'rubric.tooMany': {
    vi: 'Bộ tiêu chí có {count} tiêu chí, vượt giới hạn {max}. Hãy gộp bớt tiêu chí.',
    en: 'The rubric has {count} criteria, above the limit of {max}. Merge some of them.',
  },
  'rubric.keyDuplicate': {
    vi: 'Mã tiêu chí "{key}" bị trùng. Mỗi tiêu chí cần một mã riêng.',
    en: 'The criterion key "{key}" is used twice. Each criterion needs its own key.',
  },
  'rubric.nameDuplicate': {
    vi: 'Có hai tiêu chí cùng tên "{criterion}". Hãy đặt tên khác nhau để giám khảo phân biệt.',
    en: 'Two criteria are named "{criterion}". Give them different names so that jurors can tell them apart.',
  },
  'rubric.weights': {
    vi: 'Tổng trọng số các tiêu chí là {total}, cần bằng 100. Hãy điều chỉnh trọng số.',
    en: 'The weights of the criteria add up to {total}; they must add up to 100. Adjust them.',
  },
  'rubric.scaleEmpty': {
    vi: 'Tiêu chí "{criterion}": điểm thấp nhất ({min}) phải nhỏ hơn điểm cao nhất ({max}). Hãy sửa thang điểm.',
    en: 'Criterion "{criterion}": the lowest score ({min}) must be below the highest ({max}). Fix the scale.',
  },
  'rubric.thresholdMissing': {
    vi:
      'Tiêu chí "{criterion}": đã chọn bắt buộc nhận xét khi điểm thấp hoặc cao nhưng chưa có ngưỡng. ' +
      'Hãy nhập ngưỡng thấp, ngưỡng cao hoặc cả hai.',
    en:
      'Criterion "{criterion}": a comment is required for low or high scores, but no threshold is set. ' +
      'Enter a low threshold, a high one, or both.',
  },
  'rubric.thresholdOutside': {
    vi:
      'Tiêu chí "{criterion}": ngưỡng {threshold} nằm ngoài thang điểm {min}–{max}. ' +
      'Hãy chọn ngưỡng trong thang điểm.',
    en:
      'Criterion "{criterion}": the threshold {threshold} is outside the scale {min}–{max}. ' +
      'Choose one inside the scale.',
  },
  'rubric.thresholdsCross': {
    vi:
      'Tiêu chí "{criterion}": ngưỡng thấp ({below}) lớn hơn ngưỡng cao ({above}) nên mọi điểm đều cần nhận xét. ' +
      'Hãy đổi ngưỡng hoặc chọn "luôn bắt buộc nhận xét".',
    en:
      'Criterion "{criterion}": the low threshold ({below}) is above the high one ({above}), ' +
      'so every score would need a comment. Change them or choose "always require a comment".',
  },
  'rubric.field': {
    vi: 'Tiêu chí "{criterion}", mục "{field}": {detail}',
    en: 'Criterion "{criterion}", "{field}": {detail}',
  },
  'rubric.other': { vi: 'Bộ tiêu chí, mục "{field}": {detail}', en: 'Rubric, "{field}": {detail}' },

  // Opening a round.
  'round.noJudgingPhase': {
    vi: 'Cuộc thi chưa có giai đoạn chấm thi. Hãy đặt lịch giai đoạn chấm thi trong phần cài đặt cuộc thi.',
    en: "The contest has no judging phase. Schedule it in the contest's settings.",
  },
  'round.windowOrder': {
    vi: 'Thời gian kết thúc vòng chấm ({end}) phải sau thời gian bắt đầu ({start}). Hãy sửa thời gian vòng chấm.',
    en: 'The round must end ({end}) after it starts ({start}). Fix its times.',
  },
  'round.windowOutsidePhase': {
    vi:
      'Thời gian vòng chấm ({start} – {end}) phải nằm trong giai đoạn chấm thi ({phaseStart} – {phaseEnd}). ' +
      'Hãy sửa thời gian vòng chấm hoặc lịch cuộc thi.',
    en:
      "The round's time ({start} – {end}) must lie inside the judging phase ({phaseStart} – {phaseEnd}). " +
      "Fix the round's times or the contest's schedule.",
  },
  'round.windowOver': {
    vi: 'Thời gian vòng chấm đã kết thúc lúc {end}. Hãy đặt thời gian kết thúc mới trước khi mở vòng.',
    en: "The round's time ended at {end}. Set a new end before opening it.",
  },
  'round.noJurors': {
    vi: 'Vòng chấm chưa có giám khảo. Hãy thêm giám khảo vào vòng.',
    en: 'The round has no jurors. Add jurors to it.',
  },
  'round.chairCount': {
    vi:
      'Vòng chấm cần đúng một Trưởng ban Giám khảo (hiện có {count}). ' +
      'Hãy chọn một người trong số giám khảo của vòng.',
    en: "The round needs exactly one jury chair (it has {count}). Choose one of the round's jurors.",
  },
  'round.noEntries': {
    vi: 'Vòng chấm chưa có tác phẩm nào. Hãy kiểm tra danh sách tác phẩm được đưa vào vòng.',
    en: 'The round has no entries. Check which entries the round takes.',
  },
  'round.previousNotLocked': {
    vi: 'Vòng trước "{previous}" chưa khóa. Hãy khóa vòng trước để chốt danh sách tác phẩm vào vòng này.',
    en: 'The previous round "{previous}" is not locked. Lock it first, so that the entries of this round are settled.',
  },
  'round.tieCriterionUnknown': {
    vi: 'Quy tắc phân định bằng điểm dùng tiêu chí "{key}" không có trong bộ tiêu chí của vòng. Hãy chọn lại tiêu chí.',
    en: 'A tie rule uses the criterion "{key}", which is not in the round\'s rubric. Choose the criterion again.',
  },
  'round.perEntryBelowMin': {
    vi:
      'Mỗi tác phẩm được phân cho {perEntry} giám khảo, ít hơn số điểm tối thiểu để xếp hạng ({minScores}). ' +
      'Hãy tăng số giám khảo mỗi tác phẩm hoặc giảm số điểm tối thiểu.',
    en:
      'Each entry goes to {perEntry} jurors, fewer than the {minScores} scores an entry needs to be ranked. ' +
      'Raise the jurors per entry or lower the minimum.',
  },
  'round.notSubmitted': {
    vi: 'Giám khảo {juror} chưa nộp phiếu chấm; điểm nháp của người này sẽ không được tính.',
    en: 'Juror {juror} has not submitted a score sheet; their draft scores will not count.',
  },

  // A juror's paper sheet, before it is marked received.
  'paper.notTyped': {
    vi: 'Tác phẩm {entry}: chưa nhập điểm từ phiếu đã ký. Hãy nhập điểm.',
    en: 'Entry {entry}: the scores from the signed sheet have not been typed. Type them.',
  },
  'paper.pendingCheck': {
    vi: 'Tác phẩm {entry}: đã nhập, đang chờ người thứ hai đối chiếu. Hãy nhờ một người khác đối chiếu.',
    en: 'Entry {entry}: typed, waiting for a second person to check it. Ask someone else to check it.',
  },
  'paper.rejected': {
    vi: 'Tác phẩm {entry}: bị trả lại khi đối chiếu ({reason}). Hãy sửa theo phiếu đã ký rồi nhập lại.',
    en: 'Entry {entry}: sent back at the check ({reason}). Correct it from the signed sheet and type it again.',
  },
  'paper.incomplete': {
    vi: 'Tác phẩm {entry}: phiếu còn thiếu điểm hoặc nhận xét bắt buộc. Hãy nhập đủ theo phiếu đã ký.',
    en: 'Entry {entry}: the sheet lacks a score or a required comment. Complete it from the signed sheet.',
  },
  // Assignment.
  'assignment.perEntryAboveJurors': {
    vi:
      'Mỗi tác phẩm cần {perEntry} giám khảo nhưng vòng chỉ có {jurors} giám khảo. ' +
      'Hãy thêm giám khảo hoặc giảm số giám khảo mỗi tác phẩm.',
    en: 'Each entry needs {perEntry} jurors but the round has only {jurors}. Add jurors or lower the jurors per entry.',
  },
  'assignment.tooFewEligible': {
    vi:
      'Tác phẩm {entry} chỉ có {eligible} giám khảo không có xung đột lợi ích, cần {needed}. ' +
      'Hãy thêm giám khảo vào vòng hoặc giảm số giám khảo mỗi tác phẩm.',
    en:
      'Entry {entry} has {eligible} juror(s) without a conflict of interest and needs {needed}. ' +
      'Add jurors to the round or lower the jurors per entry.',
  },
  'assignment.uneven': {
    vi: 'Do xung đột lợi ích, không thể chia đều hơn: mỗi giám khảo chấm từ {low} đến {high} tác phẩm.',
    en: 'Conflicts of interest prevent a more even split: each juror scores from {low} to {high} entries.',
  },
  'assignment.keptDropped': {
    vi:
      'Phân công cũ của giám khảo {juror} với tác phẩm {entry} bị bỏ do xung đột lợi ích; ' +
      'tác phẩm được phân cho người khác.',
    en:
      'The earlier assignment of juror {juror} to entry {entry} was dropped for a conflict of interest; ' +
      'the entry went to someone else.',
  },

  // Which entries a round takes.
  'entries.boundaryTie': {
    vi:
      'Không chọn được đúng {n} tác phẩm: {count} tác phẩm đồng hạng {rank} ở ' +
      'ranh giới ({entries}) tranh {seats} suất. ' +
      'Trưởng ban Giám khảo cần phân định, hoặc lấy cả các tác phẩm đồng hạng, hoặc chọn danh sách kèm lý do.',
    en:
      'Exactly {n} entries cannot be taken: {count} entries share place {rank} at ' +
      'the boundary ({entries}) for {seats} place(s). ' +
      'The jury chair needs to break the tie, take all the tied entries, or choose the list with a reason.',
  },
  'entries.previousUnranked': {
    vi:
      'Vòng trước còn {count} tác phẩm chưa đủ số điểm tối thiểu để xếp hạng ({entries}). ' +
      'Hãy bổ sung điểm ở vòng trước, hoặc Trưởng ban Giám khảo chọn danh sách kèm lý do.',
    en:
      "There are not enough scores to rank {count} of the previous round's entries ({entries}). " +
      'Complete their scores, or let the jury chair choose the list with a reason.',
  },
  'entries.noPreviousRound': {
    vi:
      'Đây là vòng chấm đầu tiên nên không thể lấy tác phẩm từ vòng trước. ' +
      'Hãy chọn "tất cả tác phẩm đã được duyệt" hoặc chọn danh sách kèm lý do.',
    en:
      'This is the first round, so it cannot take entries from a previous round. ' +
      'Choose "all approved entries" or choose the list with a reason.',
  },
  'entries.chosenUnknown': {
    vi:
      'Không chọn được các tác phẩm {entries}: ' +
      'chúng không thuộc vòng trước (hoặc chưa được duyệt). Hãy bỏ chúng khỏi danh sách.',
    en:
      'Entries {entries} cannot be chosen: ' +
      'they are not in the previous round (or not approved). Remove them from the list.',
  },
} as const satisfies Record<string, { vi: string; en: string }>;

export type ProblemCode = keyof typeof PROBLEMS;
/** A parameter: the same text in both languages, a number (written per language), or a text per language. */
export type Param = string | number | { vi: string; en: string };
export type Params = Record<string, Param>;

/** One thing to fix, with its message in both languages and what it is about. */
export interface Problem {
  code: ProblemCode;
  params: Params;
  message: { vi: string; en: string };
  criterion?: string;
  entryId?: number;
  jurorId?: number;
}

function fill(template: string, params: Params, lang: Lang): string {
  // A function replacement: user text such as "$&" in a parameter is inserted literally.
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = params[k];
    if (v === undefined) return `{${k}}`;
    if (typeof v === 'number') return formatNumber(v, lang);
    return typeof v === 'string' ? v : v[lang];
  });
}

export function judgingErrorMessage(
  code: JudgingErrorCode,
  lang: Lang,
  params: Record<string, string | number> = {},
): string {
  return fill(JUDGING_ERRORS[code][lang], params, lang).normalize('NFC');
}

export function problem(
  code: ProblemCode,
  params: Params = {},
  about: Pick<Problem, 'criterion' | 'entryId' | 'jurorId'> = {},
): Problem {
  const t = PROBLEMS[code];
  return {
    code,
    params,
    message: { vi: fill(t.vi, params, 'vi').normalize('NFC'), en: fill(t.en, params, 'en').normalize('NFC') },
    ...about,
  };
}
