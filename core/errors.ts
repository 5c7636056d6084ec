/** Stable error codes and their messages in both languages. Each message names the rule and what to do. */
import { AWARDS_ERRORS } from './awards/messages.ts';
import { JUDGING_ERRORS } from './judging/messages.ts';
import { VOTING_MESSAGES } from './voting/messages.ts';
import { BUDGET_ERRORS } from './documents/budget-review.ts';

export type Lang = 'vi' | 'en';

export const ERRORS = {
  validation: {
    status: 400,
    vi: 'Dữ liệu gửi lên không hợp lệ. Vui lòng kiểm tra các trường được đánh dấu.',
    en: 'The data sent is not valid. Please check the highlighted fields.',
  },
  'auth.required': {
    status: 401,
    vi: 'Bạn cần đăng nhập để thực hiện thao tác này.',
    en: 'You need to log in to do this.',
  },
  'auth.invalidCredentials': {
    status: 401,
    vi: 'Thư điện tử/số điện thoại hoặc mật khẩu không đúng.',
    en: 'The e-mail/phone or password is wrong.',
  },
  'auth.slowDown': {
    status: 429,
    vi: 'Đã nhập sai mật khẩu nhiều lần. Vui lòng chờ {seconds} giây rồi thử lại, hoặc đặt lại mật khẩu.',
    en: 'The password was wrong several times. Wait {seconds} seconds and try again, or reset your password.',
  },
  'auth.challengeRequired': {
    status: 428,
    vi:
      'Tài khoản này vừa bị nhập sai mật khẩu nhiều lần. Để chống dò mật khẩu, máy của bạn cần giải một bước kiểm ' +
      'tra (vài giây) rồi gửi lại; trang đăng nhập tự làm việc này.',
    en:
      'This account has had several wrong passwords lately. Against password guessing, your device must solve a ' +
      'short check (a few seconds) and send again; the login page does this for you.',
  },
  'auth.challengeInvalid': {
    status: 400,
    vi: 'Bước kiểm tra chống dò mật khẩu không hợp lệ, đã hết hạn hoặc đã được dùng. Hãy tải lại trang và thử lại.',
    en: 'The anti-guessing check is not valid, has expired or was already used. Reload the page and try again.',
  },
  'privacy.erasurePending': {
    status: 409,
    vi: 'Bạn đã có một yêu cầu xóa dữ liệu đang chờ xử lý. Ban Tổ chức sẽ trả lời trước hạn đã ghi; không cần gửi lại.',
    en:
      'You already have a request to erase your data waiting. The organizers will answer by the date shown; ' +
      'no need to send it again.',
  },
  'privacy.erasureNotFound': {
    status: 404,
    vi: 'Không tìm thấy yêu cầu xóa dữ liệu này.',
    en: 'This erasure request was not found.',
  },
  'privacy.erasureHandled': {
    status: 409,
    vi: 'Yêu cầu này đã được xử lý rồi (đã xóa hoặc đã từ chối). Hãy tải lại danh sách.',
    en: 'This request has already been handled (carried out or refused). Reload the list.',
  },
  'privacy.erasureSiteAdmin': {
    status: 409,
    vi: 'Không thể xóa tài khoản quản trị hệ thống. Hãy chuyển quyền quản trị cho người khác trước, rồi xử lý yêu cầu.',
    en:
      'A site administrator account cannot be erased. Hand the administration to someone else first, ' +
      'then handle the request.',
  },
  'privacy.refuseReasonRequired': {
    status: 400,
    vi: 'Hãy ghi lý do từ chối (ít nhất 10 ký tự); người yêu cầu sẽ nhận được lý do này.',
    en: 'Write the reason for refusing (at least 10 characters); the person will receive it.',
  },
  'privacy.retentionMonths': {
    status: 400,
    vi: 'Thời hạn lưu thông tin liên hệ của tác giả phải từ 0 đến 120 tháng sau khi công bố kết quả.',
    en: "The retention period of authors' contact details must be 0 to 120 months after the results.",
  },
  'auth.rateLimited': {
    status: 429,
    vi: 'Quá nhiều yêu cầu. Vui lòng chờ {seconds} giây rồi thử lại.',
    en: 'Too many requests. Please wait {seconds} seconds and try again.',
  },
  'auth.forbidden': {
    status: 403,
    vi: 'Bạn không có quyền thực hiện thao tác này trong cuộc thi này.',
    en: 'You do not have permission to do this in this contest.',
  },
  'auth.csrf': {
    status: 403,
    vi: 'Phiên làm việc đã hết hạn hoặc yêu cầu không hợp lệ (CSRF). Vui lòng tải lại trang và thử lại.',
    en: 'Your session expired or the request is not valid (CSRF). Reload the page and try again.',
  },
  'auth.resetInvalid': {
    status: 400,
    vi: 'Liên kết đặt lại mật khẩu không hợp lệ hoặc đã hết hạn. Vui lòng yêu cầu liên kết mới.',
    en: 'The password reset link is not valid or has expired. Please ask for a new one.',
  },
  'auth.wrongPassword': { status: 400, vi: 'Mật khẩu hiện tại không đúng.', en: 'The current password is wrong.' },
  'account.identifierRequired': {
    status: 400,
    vi: 'Cần có thư điện tử hoặc số điện thoại để đăng ký.',
    en: 'An e-mail or a phone number is needed to register.',
  },
  'account.emailTaken': {
    status: 409,
    vi: 'Thư điện tử này đã được dùng cho một tài khoản khác. Hãy đăng nhập hoặc đặt lại mật khẩu.',
    en: 'This e-mail is already used by another account. Log in or reset your password.',
  },
  'account.phoneTaken': {
    status: 409,
    vi: 'Số điện thoại này đã được dùng cho một tài khoản khác. Hãy đăng nhập hoặc đặt lại mật khẩu.',
    en: 'This phone number is already used by another account. Log in or reset your password.',
  },
  'account.phoneInvalid': {
    status: 400,
    vi: 'Số điện thoại không hợp lệ: cần 10 chữ số bắt đầu bằng 0 (hoặc +84).',
    en: 'The phone number is not valid: it needs 10 digits starting with 0 (or +84).',
  },
  'account.codeInvalid': {
    status: 400,
    vi: 'Mã xác nhận không đúng hoặc đã hết hạn. Hãy kiểm tra mã trong thư/tin nhắn mới nhất, hoặc gửi lại mã mới.',
    en: 'The confirmation code is wrong or has expired. Check the code in the latest message, or ask for a new one.',
  },
  'account.passwordWeak': {
    status: 400,
    vi: 'Mật khẩu cần ít nhất 10 ký tự.',
    en: 'The password needs at least 10 characters.',
  },
  'contest.notFound': { status: 404, vi: 'Không tìm thấy cuộc thi.', en: 'Contest not found.' },
  'contest.notOver': {
    status: 409,
    vi: 'Chỉ lưu trữ được cuộc thi đã kết thúc: giai đoạn cuối còn đến {end}. Hãy lưu trữ sau thời điểm đó.',
    en: 'Only a contest that is over can be archived: its last phase runs until {end}. Archive it after that.',
  },
  'contest.notDemo': {
    status: 409,
    vi: 'Chỉ xóa được cuộc thi dữ liệu mẫu (demo). Cuộc thi thật chỉ có thể lưu trữ khi đã kết thúc.',
    en: 'Only the demo contest can be deleted. A real contest can only be archived once it is over.',
  },
  'contest.notPublished': {
    status: 409,
    vi: 'Cuộc thi này chưa được công bố nên chưa nhận tác phẩm. Vui lòng quay lại khi Ban Tổ chức công bố.',
    en: 'This contest has not been published yet, so it takes no entries. Come back once the organizers publish it.',
  },
  'contest.archived': {
    status: 409,
    vi: 'Cuộc thi đã được lưu trữ nên không sửa được. Quản trị viên có thể công bố lại nếu cần sửa.',
    en: 'This contest is archived and cannot be changed. An administrator may publish it again to make changes.',
  },
  'contest.slugTaken': {
    status: 409,
    vi: 'Địa chỉ rút gọn (slug) này đã được dùng cho cuộc thi khác. Hãy chọn địa chỉ khác.',
    en: 'This short address (slug) is already used by another contest. Choose another.',
  },
  'unit.notFound': { status: 404, vi: 'Không tìm thấy đơn vị.', en: 'Unit not found.' },
  'unit.nameTaken': {
    status: 409,
    vi: 'Đã có đơn vị tên "{name}" trong cuộc thi này.',
    en: 'A unit named "{name}" already exists in this contest.',
  },
  'unit.categoryUnknown': {
    status: 400,
    vi: 'Loại đơn vị "{category}" không có trong cuộc thi. Các loại hợp lệ: {allowed}.',
    en: 'Unit category "{category}" is not defined for this contest. Valid categories: {allowed}.',
  },
  'unit.inUse': {
    status: 409,
    vi: 'Không thể xóa đơn vị đang có người đại diện hoặc tác phẩm. Hãy gỡ vai trò trước.',
    en: 'A unit that has representatives or entries cannot be deleted. Remove the roles first.',
  },
  'unit.reminderNotNeeded': {
    status: 409,
    vi: 'Đơn vị "{unit}" đã nộp {submitted} tác phẩm, đủ số tối thiểu {min}; không cần nhắc nhở.',
    en: 'Unit "{unit}" has submitted {submitted} entries, at least its minimum of {min}; no reminder is needed.',
  },
  'unit.reminderClosed': {
    status: 409,
    vi:
      'Chỉ nhắc nhở được trước hạn nộp tác phẩm, khi cuộc thi có thời gian tiếp nhận; hạn nộp đã qua hoặc chưa ' +
      'được công bố.',
    en:
      'Reminders can be sent only before the submission deadline of a contest that has one; it has passed or has ' +
      'not been set.',
  },
  'unit.contactMissing': {
    status: 409,
    vi:
      'Đơn vị "{unit}" chưa có thư điện tử hay số điện thoại của người liên hệ. Hãy bổ sung ở mục Đơn vị rồi ' +
      'nhắc lại.',
    en: 'Unit "{unit}" has no contact e-mail or phone. Add them under Units, then send the reminder again.',
  },
  'unit.reminderTooSoon': {
    status: 429,
    vi:
      'Đơn vị "{unit}" đã được nhắc lúc {at}; mỗi đơn vị được nhắc tối đa một lần trong {hours} giờ. Có thể nhắc ' +
      'lại từ {next}.',
    en:
      'Unit "{unit}" was reminded at {at}; a unit can be reminded at most once every {hours} hours. You can ' +
      'remind it again from {next}.',
  },
  'import.invalidFile': {
    status: 400,
    vi: 'Không đọc được tệp. Hãy dùng tệp CSV (UTF-8) hoặc XLSX có dòng tiêu đề: ten, loai.',
    en: 'The file cannot be read. Use a CSV (UTF-8) or XLSX file with a header row: name, category.',
  },
  'import.rowErrors': {
    status: 400,
    vi: 'Tệp có {count} dòng lỗi; chưa có đơn vị nào được nhập. Hãy sửa các dòng được liệt kê rồi nhập lại.',
    en: 'The file has {count} rows with errors; no unit was imported. Fix the rows listed and import again.',
  },
  'roster.notFound': { status: 404, vi: 'Không tìm thấy thành viên.', en: 'Member not found.' },
  'roster.contactRequired': {
    status: 400,
    vi: 'Cần thư điện tử hoặc số điện thoại của thành viên để áp dụng quy định không được dự thi.',
    en: 'An e-mail or phone of the member is needed to apply the rule that staff may not enter.',
  },
  'documents.emptyBody': {
    status: 409,
    vi: '{body} chưa có thành viên nào. Hãy thêm thành viên ở thẻ Ban tổ chức, giám khảo rồi lập quyết định.',
    en: '{body} has no members yet. Add them on the roster tab, then draft the decision.',
  },
  ...BUDGET_ERRORS,
  'archive.notAnnounced': {
    status: 409,
    vi:
      'Chỉ lưu trữ được cuộc thi đã công bố kết quả giải thưởng: hồ sơ lưu trữ phải có kết quả và quyết định cuối ' +
      'cùng. Hãy công bố kết quả ở thẻ Xét giải rồi tải lại.',
    en:
      'Only a contest whose results are announced can be archived: the record must hold the final results and ' +
      'decisions. Announce the results on the Awards tab, then download again.',
  },
  'archive.tooLarge': {
    status: 409,
    vi:
      'Các tệp video gốc cộng lại {size}, vượt giới hạn 4 GB của một tệp ZIP lưu trữ. Hãy tải bản lưu trữ chỉ kèm ' +
      'danh sách mã băm của video, và sao lưu video bằng lệnh npm run backup.',
    en:
      'The original videos add up to {size}, over the 4 GB limit of one archive ZIP. Download the archive with the ' +
      'video hash list only, and back the videos up with npm run backup.',
  },
  'certificates.notAnnounced': {
    status: 409,
    vi: 'Chưa công bố kết quả giải thưởng nên chưa cấp được giấy chứng nhận. Hãy công bố kết quả trước.',
    en: 'The results are not announced yet, so no certificate can be issued. Announce the results first.',
  },
  'certificates.noneIssued': {
    status: 409,
    vi: 'Chưa có giấy chứng nhận nào còn hiệu lực để in. Hãy cấp giấy chứng nhận cho các giải trước.',
    en: 'There is no valid certificate to print. Issue the certificates for the prizes first.',
  },
  'certificates.notFound': { status: 404, vi: 'Không tìm thấy giấy chứng nhận.', en: 'Certificate not found.' },
  'certificates.notValid': {
    status: 409,
    vi: 'Giấy chứng nhận này đã bị thu hồi hoặc thay thế từ trước.',
    en: 'This certificate was already revoked or replaced.',
  },
  'role.userNotFound': {
    status: 404,
    vi: 'Không tìm thấy tài khoản có thư điện tử hoặc số điện thoại này. Người đó cần đăng ký trước.',
    en: 'No account has this e-mail or phone. The person needs to register first.',
  },
  'role.unitRequired': {
    status: 400,
    vi: 'Vai trò đại diện đơn vị cần chọn một đơn vị.',
    en: 'The unit representative role needs a unit.',
  },
  'role.otherUnit': {
    status: 409,
    vi: 'Người này đang là đại diện của đơn vị "{unit}". Hãy gỡ vai trò đó trước khi giao đơn vị khác.',
    en: 'This person already represents "{unit}". Remove that role before giving them another unit.',
  },
  'role.notFound': { status: 404, vi: 'Không tìm thấy vai trò này.', en: 'Role not found.' },
  'role.lastOrganizer': {
    status: 409,
    vi: 'Không thể gỡ Ban Tổ chức cuối cùng của cuộc thi. Hãy chỉ định người khác trước.',
    en: 'The last organizer of a contest cannot be removed. Appoint someone else first.',
  },
  'entry.notFound': { status: 404, vi: 'Không tìm thấy tác phẩm.', en: 'Entry not found.' },
  'entry.locked': {
    status: 409,
    vi: 'Tác phẩm đã nộp nên bị khóa. Nếu cần sửa, hãy rút tác phẩm trước hạn nộp rồi nộp lại.',
    en: 'A submitted entry is locked. To change it, withdraw it before the deadline and submit again.',
  },
  'entry.incomplete': {
    status: 400,
    vi: 'Hồ sơ dự thi chưa đầy đủ ({count} mục). Hãy bổ sung các mục được liệt kê rồi nộp lại.',
    en: 'The entry is not complete ({count} items). Fill in the items listed and submit again.',
  },
  'entry.noAcceptedFile': {
    status: 400,
    vi: 'Chưa có tệp video đạt yêu cầu của thể lệ. Hãy tải lên tệp video và chờ kiểm tra xong.',
    en: 'There is no video file that meets the rules yet. Upload the video and wait for the check to finish.',
  },
  'entry.staffExcluded': {
    status: 403,
    vi: 'Thành viên Ban Tổ chức, Ban Giám khảo và Thư ký cuộc thi không được dự thi (thể lệ, mục II.2).',
    en: 'Members of the organizing committee, the jury and the secretariat may not enter (rules, section II.2).',
  },
  'entry.unitQuotaFull': {
    status: 409,
    vi:
      'Đơn vị "{unit}" đã nộp đủ {max} tác phẩm, mức tối đa của thể lệ. Muốn thay, hãy rút một tác phẩm đã nộp ' +
      'trước hạn.',
    en:
      'Unit "{unit}" has already submitted {max} entries, the maximum the rules allow. To replace one, withdraw ' +
      'a submitted entry before the deadline.',
  },
  'entry.personQuotaFull': {
    status: 409,
    vi:
      'Mỗi cá nhân, tổ chức được dự thi tối đa {max} tác phẩm; tác giả này (theo số điện thoại) đã nộp đủ. Muốn ' +
      'thay, hãy rút một tác phẩm đã nộp trước hạn.',
    en:
      'Each person or organization may submit at most {max} entries, and this author (by phone number) has ' +
      'reached that. To replace one, withdraw a submitted entry before the deadline.',
  },
  'entry.notUnitRep': {
    status: 403,
    vi:
      'Bạn không phải người đại diện của đơn vị này. Hãy liên hệ Ban Tổ chức để được cấp quyền, hoặc dự thi với ' +
      'tư cách cá nhân.',
    en: 'You do not represent this unit. Ask the organizers for the role, or enter as a person.',
  },
  'entry.tooManyDrafts': {
    status: 409,
    vi: 'Bạn đã có {max} bản nháp trong cuộc thi này. Hãy hoàn thành hoặc dùng lại một bản nháp thay vì tạo thêm.',
    en: 'You already have {max} drafts in this contest. Finish or reuse one instead of starting another.',
  },
  'entry.notDeletable': {
    status: 409,
    vi: 'Tác phẩm đã nộp không xóa được. Hãy rút tác phẩm trước hạn nộp rồi xóa, hoặc đề nghị Ban Tổ chức xóa.',
    en:
      'A submitted entry cannot be deleted. Withdraw it before the deadline and then delete it, or ask the ' +
      'organizers to delete it.',
  },
  'entry.deleteReasonRequired': {
    status: 400,
    vi: 'Hãy ghi lý do xóa tác phẩm (ít nhất 5 ký tự); lý do được lưu vào nhật ký.',
    en: 'Give the reason for deleting the entry (at least 5 characters); it is kept in the audit log.',
  },
  'entry.notWithdrawable': {
    status: 409,
    vi: 'Chỉ rút được tác phẩm đã nộp và trước hạn nộp bài.',
    en: 'Only a submitted entry can be withdrawn, and only before the deadline.',
  },
  'entry.fixDeadlinePassed': {
    status: 409,
    vi:
      'Đã hết hạn sửa tác phẩm được trả lại ({deadline}), nên không thể sửa hay nộp lại. Nếu có lý do chính ' +
      'đáng, hãy liên hệ Ban Tổ chức (qua Phòng Nội vụ).',
    en:
      'The deadline for fixing this returned entry has passed ({deadline}), so it can no longer be changed or ' +
      'sent again. If you have good cause, contact the organizers (through the secretariat).',
  },
  'review.reasonRequired': {
    status: 400,
    vi:
      'Khi trả lại hoặc không duyệt tác phẩm, hãy ghi lý do cụ thể (ít nhất {min} ký tự) để tác giả biết vì sao ' +
      'và cần sửa gì; lý do được gửi cho tác giả.',
    en:
      'When returning or rejecting an entry, write a specific reason (at least {min} characters) so that the ' +
      'entrant knows why and what to fix; the reason is sent to them.',
  },
  'review.deadlineInvalid': {
    status: 400,
    vi:
      'Trả lại tác phẩm để sửa cần có hạn sửa: sau thời điểm hiện tại ít nhất {minMinutes} phút và không quá ' +
      '{maxDays} ngày. Hãy chọn lại hạn sửa.',
    en:
      'Returning an entry for a fix needs a fix deadline at least {minMinutes} minutes from now and at most ' +
      '{maxDays} days ahead. Choose the deadline again.',
  },
  'review.checklistIncomplete': {
    status: 400,
    vi:
      'Chỉ duyệt được tác phẩm khi mọi mục kiểm tra đều đạt; còn {count} mục chưa đạt hoặc chưa đánh dấu: ' +
      '{items}. Hãy kiểm tra lại các mục này, hoặc trả lại hay không duyệt tác phẩm kèm lý do.',
    en:
      'An entry can be approved only when every checklist item is met; {count} items are not met or not ticked: ' +
      '{items}. Check them again, or return or reject the entry with a reason.',
  },
  'review.alreadyDecided': {
    status: 409,
    vi:
      'Bạn đã ghi quyết định thẩm định cho tác phẩm này ở lượt {round}. Mỗi người chỉ quyết định một lần mỗi ' +
      'lượt; nếu cần thay đổi, hãy đề nghị Ban Tổ chức.',
    en:
      'You have already recorded a review decision on this entry in round {round}. Each reviewer decides once ' +
      'per round; to change it, ask the organizers.',
  },
  'review.notReturned': {
    status: 409,
    vi:
      'Chỉ gia hạn sửa được cho tác phẩm đang được trả lại để sửa mà tác giả chưa nộp lại. Có thể tác phẩm vừa ' +
      'được nộp lại; hãy tải lại danh sách thẩm định.',
    en:
      'Only an entry returned for a fix and not yet sent again can be given more time. It may just have been ' +
      'sent again; reload the review queue.',
  },
  'review.deadlineNotLater': {
    status: 400,
    vi: 'Hạn sửa mới phải muộn hơn hạn đang áp dụng ({current}). Hãy chọn thời điểm muộn hơn.',
    en: 'The new fix deadline must be later than the one in force ({current}). Choose a later time.',
  },
  'review.notReviewable': {
    status: 409,
    vi:
      'Tác phẩm này không chờ thẩm định: chỉ thẩm định tác phẩm đã nộp đang chờ quyết định hoặc đang có ý kiến ' +
      'khác nhau. Có thể người khác vừa quyết định; hãy tải lại danh sách thẩm định.',
    en:
      'This entry is not awaiting review: only a submitted entry waiting for a decision, or one on which ' +
      'reviewers disagree, can be reviewed. Someone may have just decided; reload the review queue.',
  },
  'review.finalByOrganizer': {
    status: 403,
    vi: 'Hai người thẩm định có ý kiến khác nhau về tác phẩm này; chỉ Ban Tổ chức được ra quyết định cuối cùng.',
    en: 'The two reviewers disagree on this entry; only the organizing committee may record the final decision.',
  },
  'review.rejectedLocked': {
    status: 409,
    vi:
      'Tác phẩm đã có quyết định không duyệt nên bị khóa: không thể rút, sửa hay nộp lại. Nếu có ý kiến, hãy ' +
      'liên hệ Ban Tổ chức.',
    en:
      'This entry was rejected on review and is locked: it cannot be withdrawn, changed or sent again. To raise ' +
      'a concern, contact the organizers.',
  },
  'notification.notFound': {
    status: 404,
    vi: 'Không tìm thấy thông báo này. Hãy tải lại danh sách thông báo.',
    en: 'Notification not found. Reload your notifications.',
  },
  'phase.submissionNotOpen': {
    status: 409,
    vi: 'Chưa đến thời gian nhận bài dự thi: nhận bài từ {start} đến {end}.',
    en: 'Submissions are not open yet: they run from {start} to {end}.',
  },
  'phase.submissionClosed': {
    status: 409,
    vi: 'Đã hết thời gian nhận bài dự thi ({end}).',
    en: 'Submissions closed on {end}.',
  },
  'phase.unscheduled': {
    status: 409,
    vi: 'Cuộc thi chưa có lịch nhận bài. Hãy liên hệ Ban Tổ chức.',
    en: 'The contest has no submission period yet. Contact the organizers.',
  },
  'upload.notFound': {
    status: 404,
    vi: 'Không tìm thấy phiên tải lên; hãy chọn lại tệp để tải lên từ đầu.',
    en: 'Upload not found; choose the file again to upload it from the start.',
  },
  'upload.tooLarge': {
    status: 413,
    vi: 'Tệp dung lượng {size} vượt giới hạn {max} của thể lệ. Hãy xuất lại video với dung lượng nhỏ hơn.',
    en: 'The file is {size}, above the limit of {max} set by the rules. Export the video again at a smaller size.',
  },
  'reference.notFound': {
    status: 404,
    vi: 'Không tìm thấy đoạn phim tham chiếu này; có thể nó đã bị xóa. Hãy tải lại danh sách.',
    en: 'Reference clip not found; it may have been deleted. Reload the list.',
  },
  'reference.unreadable': {
    status: 400,
    vi:
      'Không đọc được hình ảnh của tệp này. Hãy gửi một video MP4 hoặc MOV xem được (loại tệp video/mp4 hoặc ' +
      'video/quicktime).',
    en:
      'The pictures of this file cannot be read. Send a playable MP4 or MOV video (type video/mp4 or ' +
      'video/quicktime).',
  },
  'reference.tooLarge': {
    status: 413,
    vi: 'Đoạn phim tham chiếu vượt quá {max}. Hãy cắt ngắn hoặc xuất lại video nhỏ hơn.',
    en: 'The reference clip is larger than {max}. Cut it shorter or export a smaller video.',
  },
  'upload.tusResumable': {
    status: 412,
    vi:
      'Yêu cầu tải lên thiếu tiêu đề "Tus-Resumable: 1.0.0" của giao thức tus. Hãy tải tệp lên từ trang của cuộc thi ' +
      'hoặc bằng một ứng dụng hỗ trợ tus 1.0.',
    en:
      'The upload request lacks the tus protocol header "Tus-Resumable: 1.0.0". Upload the file from the contest\'s ' +
      'page or with a client that speaks tus 1.0.',
  },
  'upload.protocol': {
    status: 400,
    vi: 'Yêu cầu tải lên không đúng giao thức tus: {reason}. Hãy tải tệp lên lại từ trang của cuộc thi.',
    en: "The upload request does not follow the tus protocol: {reason}. Upload the file again from the contest's page.",
  },
  'upload.badRequest': {
    status: 400,
    vi: 'Yêu cầu tải lên không hợp lệ: thiếu hoặc sai {fields}.',
    en: 'The upload request is not valid; missing or wrong: {fields}.',
  },
  'publish.captionForOne': {
    status: 400,
    vi: 'Chỉ sửa được chú thích khi đăng từng tác phẩm một. Hãy chọn một tác phẩm rồi sửa chú thích.',
    en: 'A caption can only be edited when publishing one entry. Choose one entry and edit its caption.',
  },
  'publish.captionLength': {
    status: 400,
    vi: 'Chú thích phải dài từ 3 đến 3.000 ký tự.',
    en: 'A caption must be 3 to 3,000 characters long.',
  },
  'publish.notPublished': {
    status: 409,
    vi: 'Tác phẩm này không đang được đăng công khai.',
    en: 'This entry is not in the public gallery.',
  },
  'publish.reasonRequired': {
    status: 400,
    vi: 'Hãy ghi lý do gỡ tác phẩm (ít nhất 5 ký tự); tác giả được báo lý do này.',
    en: 'Give the reason for taking the entry down (at least 5 characters); its author is told.',
  },
  'report.reasonRequired': {
    status: 400,
    vi: 'Hãy mô tả điều bạn thấy chưa đúng (ít nhất 10 ký tự), ví dụ đoạn bị sao chép và nguồn gốc của nó.',
    en: 'Describe what is wrong (at least 10 characters), for example the copied part and where it comes from.',
  },
  'report.notFound': { status: 404, vi: 'Không tìm thấy phản ánh này.', en: 'This report was not found.' },
  'report.alreadyResolved': {
    status: 409,
    vi: 'Phản ánh này đã được xử lý. Hãy tải lại danh sách.',
    en: 'This report has already been handled. Reload the list.',
  },
  'report.outcomeRequired': {
    status: 400,
    vi: 'Hãy ghi kết quả xử lý (ít nhất 5 ký tự).',
    en: 'Write down the outcome (at least 5 characters).',
  },
  'news.notFound': { status: 404, vi: 'Không tìm thấy tin này.', en: 'This news post was not found.' },
  'jobs.notFound': {
    status: 404,
    vi: 'Không tìm thấy công việc lỗi này trong cuộc thi. Có thể nó đã được chạy lại; hãy tải lại danh sách.',
    en: 'This failed job was not found in the contest. It may have been retried already; reload the list.',
  },
  'jobs.notRetryable': {
    status: 409,
    vi: 'Công việc này đang chờ hoặc đang chạy nên chưa chạy lại được. Hãy chờ nó kết thúc rồi tải lại danh sách.',
    en: 'This job is waiting or running, so it cannot be retried now. Wait for it to finish and reload the list.',
  },
  'storage.orphansNotRemoved': {
    status: 424,
    vi: 'Không xóa được tệp thừa nào. Hãy kiểm tra kết nối tới kho lưu trữ rồi thử lại.',
    en: 'No orphaned file could be removed. Check the connection to the storage and try again.',
  },
  'media.notFound': {
    status: 404,
    vi: 'Không tìm thấy tệp video này. Nếu bản phát trực tuyến đang được tạo, hãy chờ xử lý xong rồi tải lại trang.',
    en:
      'This video file was not found. If the streaming copy is still being made, wait for it to finish and ' +
      'reload the page.',
  },
  'metrics.token': {
    status: 401,
    vi:
      'Cần mã truy cập số liệu vận hành: gửi tiêu đề "Authorization: Bearer <METRICS_TOKEN>" ' +
      'với mã đã đặt trên máy chủ.',
    en:
      'The metrics need this server\'s token: send "Authorization: Bearer <METRICS_TOKEN>" ' +
      'with the configured value.',
  },
  'media.rangeNotSatisfiable': {
    status: 416,
    vi: 'Đoạn dữ liệu yêu cầu nằm ngoài tệp. Hãy tải lại trang rồi phát lại.',
    en: 'The requested byte range is outside the file. Reload the page and play again.',
  },
  'subtitles.tooLarge': {
    status: 413,
    vi:
      'Tệp phụ đề dung lượng {size}, vượt giới hạn {max}. Phụ đề của một video 10 phút thường dưới 100 KB: hãy ' +
      'kiểm tra đã chọn đúng tệp .srt hoặc .vtt chưa.',
    en:
      'The subtitle file is {size}, above the limit of {max}. Subtitles for a 10-minute video are usually under ' +
      '100 KB: check that you chose the right .srt or .vtt file.',
  },
  'subtitles.encoding': {
    status: 400,
    vi:
      'Tệp phụ đề không dùng bảng mã Unicode (UTF-8): từ dòng {line} có ký tự không đọc được, có thể tệp được ' +
      'lưu bằng bảng mã cũ như Windows-1258, TCVN3 (ABC) hoặc VNI. Hãy mở tệp bằng phần mềm biên tập phụ đề hoặc ' +
      'Notepad, lưu lại với bảng mã UTF-8 rồi tải lên lại.',
    en:
      'The subtitle file is not in Unicode (UTF-8): from line {line} it has characters that cannot be read, ' +
      'probably because it was saved in an older encoding such as Windows-1258, TCVN3 (ABC) or VNI. Open it in ' +
      'your subtitle editor or Notepad, save it again as UTF-8 and upload it again.',
  },
  'subtitles.empty': {
    status: 400,
    vi: 'Tệp phụ đề trống. Hãy chọn tệp .srt hoặc .vtt đã xuất từ phần mềm biên tập.',
    en: 'The subtitle file is empty. Choose the .srt or .vtt file exported by your editing software.',
  },
  'subtitles.format': {
    status: 400,
    vi:
      'Tệp này không phải phụ đề SubRip (.srt) hoặc WebVTT (.vtt): không có dòng thời gian dạng "00:00:01,000 ' +
      '--> 00:00:04,000". Hãy xuất phụ đề từ phần mềm biên tập ở định dạng SRT hoặc WebVTT.',
    en:
      'This file is not a SubRip (.srt) or WebVTT (.vtt) subtitle file: it has no timing line such as ' +
      '"00:00:01,000 --> 00:00:04,000". Export the subtitles from your editing software as SRT or WebVTT.',
  },
  'subtitles.noCues': {
    status: 400,
    vi: 'Tệp phụ đề không có câu thoại nào có chữ. Hãy kiểm tra lại tệp trong phần mềm biên tập rồi xuất lại.',
    en: 'The subtitle file has no cue with any text. Check the file in your editing software and export it again.',
  },
  'subtitles.timestamp': {
    status: 400,
    vi:
      'Dòng {line}: thời gian "{value}" không đúng dạng giờ:phút:giây,mili giây (ví dụ 00:01:02,500; phút và ' +
      'giây từ 00 đến 59). Hãy sửa dòng này rồi tải lên lại.',
    en:
      'Line {line}: the time "{value}" is not in the form hours:minutes:seconds,milliseconds (e.g. 00:01:02,500; ' +
      'minutes and seconds from 00 to 59). Fix this line and upload again.',
  },
  'subtitles.timing': {
    status: 400,
    vi:
      'Dòng {line}: câu phụ đề kết thúc lúc {end}, không sau thời điểm bắt đầu {start}. Mỗi câu phải kết thúc ' +
      'sau khi bắt đầu; hãy sửa thời gian ở dòng này rồi tải lên lại.',
    en:
      'Line {line}: the cue ends at {end}, not after it starts at {start}. Every cue must end after it starts; ' +
      'fix the times on this line and upload again.',
  },
  'subtitles.tooLong': {
    status: 400,
    vi:
      'Dòng {line}: câu phụ đề kết thúc lúc {end}, quá mốc tối đa {max}. Hãy sửa thời gian ở dòng này (có thể gõ ' +
      'nhầm giờ) rồi tải lên lại.',
    en:
      'Line {line}: the cue ends at {end}, past the latest allowed time of {max}. Fix the time on this line (the ' +
      'hours may be mistyped) and upload again.',
  },
  'subtitles.tooManyCues': {
    status: 400,
    vi: 'Tệp có {count} câu phụ đề, vượt giới hạn {max} câu. Hãy kiểm tra đã chọn đúng tệp phụ đề của video này chưa.',
    en: 'The file has {count} cues, above the limit of {max}. Check that you chose the subtitle file of this video.',
  },
  'subtitles.lang': {
    status: 400,
    vi: 'Ngôn ngữ phụ đề "{lang}" không có trong danh sách được hỗ trợ. Hãy chọn một trong các mã: {allowed}.',
    en: 'Subtitle language "{lang}" is not in the supported list. Choose one of: {allowed}.',
  },
  'subtitles.notFound': {
    status: 404,
    vi: 'Tác phẩm chưa có phụ đề bằng ngôn ngữ này. Hãy tải tệp phụ đề lên trước.',
    en: 'This entry has no subtitles in this language. Upload a subtitle file first.',
  },
  'request.badUrl': {
    status: 400,
    vi: 'Địa chỉ (URL) có ký tự mã hóa phần trăm không hợp lệ (ví dụ "%ZZ" hoặc "%E0%A4"). Hãy kiểm tra lại liên kết.',
    en: 'The address (URL) has invalid percent-encoding (such as "%ZZ" or "%E0%A4"). Check the link and try again.',
  },
  'request.tooLarge': {
    status: 413,
    vi: 'Tệp gửi lên quá lớn cho thao tác này. Hãy chia nhỏ tệp hoặc bớt nội dung rồi gửi lại.',
    en: 'The file sent is too large for this action. Split it or trim it and send it again.',
  },
  'request.unsupportedType': {
    status: 415,
    vi: 'Loại dữ liệu gửi lên không được hỗ trợ ở đây.',
    en: 'This kind of content is not accepted here.',
  },
  // Public voting (core/voting/messages.ts).
  ...VOTING_MESSAGES,
  'voting.resultsAtEnd': {
    status: 409,
    vi: 'Cuộc thi công bố kết quả bình chọn khi hết thời gian bình chọn ({end}). Hãy quay lại sau thời điểm đó.',
    en: 'This contest shows the voting results once voting has closed ({end}). Please come back after that.',
  },
  notFound: { status: 404, vi: 'Không tìm thấy.', en: 'Not found.' },
  internal: {
    status: 500,
    vi: 'Đã có lỗi ở máy chủ. Dữ liệu của bạn không bị mất; vui lòng thử lại sau ít phút.',
    en: 'Something went wrong on the server. Your data is safe; please try again in a few minutes.',
  },
  ...JUDGING_ERRORS,
  ...AWARDS_ERRORS,
} as const satisfies Record<string, { status: number; vi: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** A parameter whose text depends on the language, such as a list of checklist items. */
export interface Localized {
  vi: string;
  en: string;
}
export type ErrorParams = Record<string, string | number | Localized>;

export function errorMessage(code: ErrorCode, lang: Lang, params: ErrorParams = {}): string {
  const template: string = ERRORS[code][lang];
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const value = params[k];
    if (value === undefined) return `{${k}}`;
    return typeof value === 'object' ? value[lang] : String(value);
  });
}

/** Thrown by services; turned into `{ error: { code, message, details } }` by the HTTP layer. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
    readonly details?: unknown,
  ) {
    super(code);
    this.name = 'AppError';
  }
  get status(): number {
    return ERRORS[this.code].status;
  }
}
