/**
 * What voters and staff are told when voting refuses something, in Vietnamese and English, in the shape of
 * `ERRORS` in core/errors.ts (code → HTTP status and both texts), so that the server can spread these into it. Each
 * message names the rule and what to do. Instants in the parameters are written as "00:00 ngày 21/06/2024 (giờ
 * Việt Nam)" in the contest's zone.
 */
import { formatVoteInstant, type Lang } from './vote-day.ts';

export const VOTING_MESSAGES = {
  // The voting window and the entry.
  'vote.unscheduled': {
    status: 409,
    vi: 'Cuộc thi chưa có lịch bình chọn trực tuyến. Hãy theo dõi thông báo của Ban Tổ chức.',
    en: 'The contest has no online voting period yet. Watch for the organizers’ announcement.',
  },
  'vote.notOpen': {
    status: 409,
    vi: 'Chưa đến thời gian bình chọn: bình chọn mở từ {start} đến {end}.',
    en: 'Voting is not open yet: it runs from {start} to {end}.',
  },
  'vote.closed': {
    status: 409,
    vi: 'Đã hết thời gian bình chọn (kết thúc {end}). Kết quả được công bố trên trang kết quả của cuộc thi.',
    en: 'Voting closed at {end}. The results are published on the contest’s results page.',
  },
  'vote.entryNotPublished': {
    status: 409,
    vi: 'Tác phẩm này chưa được đăng công khai nên chưa nhận bình chọn. Hãy chọn một tác phẩm trong thư viện.',
    en: 'This entry is not in the public gallery, so it cannot be voted for. Choose an entry from the gallery.',
  },
  'vote.entryWithdrawn': {
    status: 409,
    vi:
      'Tác phẩm này đã được gỡ khỏi thư viện nên không nhận bình chọn nữa. ' +
      'Lượt bình chọn của bạn chưa bị dùng; hãy chọn tác phẩm khác.',
    en:
      'This entry has been taken out of the gallery and no longer takes votes. ' +
      'Your vote was not used; choose another entry.',
  },
  // The rule.
  'vote.alreadyToday': {
    status: 409,
    vi:
      'Bạn đã bình chọn hôm nay. Mỗi người được bình chọn một lần mỗi ngày; ' +
      'lượt bình chọn tiếp theo của bạn mở lúc {next}.',
    en: 'You have voted today. Each person may vote once a day; your next vote opens at {next}.',
  },
  'vote.alreadyTodayLastDay': {
    status: 409,
    vi:
      'Bạn đã bình chọn hôm nay. Mỗi người được bình chọn một lần mỗi ngày, ' +
      'và hôm nay là ngày bình chọn cuối cùng (kết thúc {end}). Cảm ơn bạn đã tham gia.',
    en:
      'You have voted today. Each person may vote once a day, and today is the ' +
      'last day of voting (it closes at {end}). Thank you for taking part.',
  },
  'vote.alreadyEntryToday': {
    status: 409,
    vi:
      'Hôm nay bạn đã bình chọn cho tác phẩm này. Mỗi người được bình chọn cho mỗi tác phẩm một lần mỗi ngày: ' +
      'bạn vẫn có thể bình chọn cho tác phẩm khác, và cho tác phẩm này từ {next}.',
    en:
      'You have voted for this entry today. Each person may vote for each entry once a day: ' +
      'you may still vote for other entries, and for this one again from {next}.',
  },
  'vote.alreadyEntryTodayLastDay': {
    status: 409,
    vi:
      'Hôm nay bạn đã bình chọn cho tác phẩm này. Mỗi người được bình chọn cho mỗi tác phẩm một lần mỗi ngày, ' +
      'và hôm nay là ngày bình chọn cuối cùng (kết thúc {end}); bạn vẫn có thể bình chọn cho tác phẩm khác.',
    en:
      'You have voted for this entry today. Each person may vote for each entry once a day, ' +
      'and today is the last day of voting (it closes at {end}); you may still vote for other entries.',
  },
  'vote.allUsed': {
    status: 409,
    vi:
      'Bạn đã dùng hết {total} lượt bình chọn của cuộc thi (mỗi người có {total} lượt cho cả đợt bình chọn). ' +
      'Cảm ơn bạn đã tham gia.',
    en:
      'You have used all {total} of your votes in this contest ' +
      '(each person has {total} for the whole voting period). Thank you for taking part.',
  },
  'vote.alreadyEntry': {
    status: 409,
    vi:
      'Bạn đã bình chọn cho tác phẩm này. Mỗi lượt phải dành cho một tác phẩm khác nhau; ' +
      'bạn còn {left} lượt cho các tác phẩm khác.',
    en:
      'You have already voted for this entry. Each of your votes must go to a different entry; ' +
      'you have {left} left for other entries.',
  },
  'vote.contestChanged': {
    status: 409,
    vi:
      'Ban Tổ chức vừa thay đổi cài đặt của cuộc thi đúng lúc bạn bình chọn, nên lượt này chưa được ghi. ' +
      'Hãy bình chọn lại.',
    en: 'The organizers changed the contest’s settings just as you voted, so this vote was not recorded. Vote again.',
  },
  // Who may vote.
  'vote.verifyFirst': {
    status: 401,
    vi:
      'Hãy xác minh số điện thoại hoặc thư điện tử trước khi bình chọn: ' +
      'mỗi lượt bình chọn phải thuộc về một người thật. Mã xác minh được gửi miễn phí.',
    en:
      'Verify your phone number or e-mail before voting: ' +
      'every vote must belong to a real person. The code is sent free of charge.',
  },
  'vote.identityKindNotAllowed': {
    status: 400,
    vi: 'Cuộc thi này chỉ xác minh người bình chọn bằng {allowed}. Hãy dùng cách xác minh đó.',
    en: 'This contest verifies voters only by {allowed}. Please use that.',
  },
  'vote.notResident': {
    status: 403,
    vi:
      'Số điện thoại này không có trong danh sách cư dân mà Ban Tổ chức dùng cho đợt bình chọn này, ' +
      'nên không bình chọn được. Nếu bạn sống trên địa bàn, hãy liên hệ Ban Tổ chức để được bổ sung.',
    en:
      'This phone number is not on the residents’ list the organizers use for this vote, so it cannot vote. ' +
      'If you live in the area, contact the organizers to be added.',
  },
  'vote.challengeRequired': {
    status: 400,
    vi: 'Hãy hoàn thành bước kiểm tra chống gửi tự động (máy tính của bạn tự giải trong vài giây) rồi thử lại.',
    en: 'Complete the anti-automation check (your device solves it in a few seconds) and try again.',
  },
  'vote.challengeInvalid': {
    status: 400,
    vi: 'Bước kiểm tra chống gửi tự động không hợp lệ hoặc đã hết hạn. Hãy tải lại trang rồi thử lại.',
    en: 'The anti-automation check is not valid or has expired. Reload the page and try again.',
  },
  'vote.challengeReplayed': {
    status: 409,
    vi: 'Bước kiểm tra chống gửi tự động này đã được dùng. Mỗi lần gửi cần một lần kiểm tra mới; hãy thử lại.',
    en: 'This anti-automation check has already been used. Each request needs a fresh one; please try again.',
  },
  // Phone numbers.
  'phone.empty': {
    status: 400,
    vi: 'Hãy nhập số điện thoại di động của bạn (10 chữ số, ví dụ 0912 345 678).',
    en: 'Enter your mobile number (10 digits, e.g. 0912 345 678).',
  },
  'phone.format': {
    status: 400,
    vi: 'Số điện thoại chỉ gồm chữ số (có thể bắt đầu bằng +84). Hãy nhập lại, ví dụ 0912 345 678.',
    en: 'A phone number has digits only (it may start with +84). Enter it again, e.g. 0912 345 678.',
  },
  'phone.length': {
    status: 400,
    vi: 'Số di động Việt Nam có 10 chữ số kể cả số 0 ở đầu; số bạn nhập có {digits} chữ số. Hãy kiểm tra lại.',
    en:
      'A Vietnamese mobile number has 10 digits including the leading 0; ' +
      'the number entered has {digits}. Check it again.',
  },
  'phone.foreign': {
    status: 400,
    vi:
      'Chỉ nhận số di động Việt Nam (+84). ' +
      'Hãy dùng số Việt Nam, hoặc xác minh bằng thư điện tử nếu cuộc thi cho phép.',
    en:
      'Only Vietnamese mobile numbers (+84) are accepted. ' +
      'Use a Vietnamese number, or verify by e-mail if the contest allows it.',
  },
  'phone.service': {
    status: 400,
    vi:
      'Số {number} là số tổng đài dịch vụ (1800, 1900), không nhận được tin nhắn mã xác minh. ' +
      'Hãy nhập số di động của bạn.',
    en:
      '{number} is a service line (1800, 1900) and cannot receive the code by text message. ' +
      'Enter your mobile number.',
  },
  'phone.short': {
    status: 400,
    vi:
      'Số {number} là số ngắn (tổng đài, dịch vụ tin nhắn), không phải số di động. ' +
      'Hãy nhập số di động 10 chữ số của bạn.',
    en:
      '{number} is a short code (a hotline or a text-message service), not a mobile number. ' +
      'Enter your 10-digit mobile number.',
  },
  'phone.landline': {
    status: 400,
    vi: 'Số {number} là số cố định, không nhận được tin nhắn. Hãy nhập số di động của bạn.',
    en: '{number} is a landline and cannot receive text messages. Enter your mobile number.',
  },
  'phone.oldPrefix': {
    status: 400,
    vi:
      'Số 11 chữ số đầu {old} đã được chuyển sang 10 chữ số từ năm 2018: ' +
      'số của bạn nay là {number}. Hãy nhập số mới.',
    en:
      'Eleven-digit numbers starting {old} became ten-digit numbers in 2018: ' +
      'your number is now {number}. Enter the new number.',
  },
  'phone.prefix': {
    status: 400,
    vi: 'Đầu số {prefix} không phải đầu số di động Việt Nam đang dùng. Hãy kiểm tra lại số điện thoại.',
    en: '{prefix} is not a Vietnamese mobile prefix in use. Check the number again.',
  },
  // E-mail.
  'email.empty': {
    status: 400,
    vi: 'Hãy nhập địa chỉ thư điện tử của bạn.',
    en: 'Enter your e-mail address.',
  },
  'email.format': {
    status: 400,
    vi: 'Địa chỉ thư điện tử không hợp lệ. Hãy nhập dạng ten@vidu.vn.',
    en: 'The e-mail address is not valid. Enter it as name@example.com.',
  },
  'email.disposable': {
    status: 400,
    vi:
      'Hộp thư tạm thời ({domain}) không dùng để bình chọn được, vì mỗi lượt bình ' +
      'chọn phải thuộc về một người thật. Hãy dùng hộp thư bạn dùng hằng ngày.',
    en:
      'Temporary mailboxes ({domain}) cannot be used to vote, since every vote must belong to a real person. ' +
      'Use the mailbox you use every day.',
  },
  // One-time codes.
  'code.format': {
    status: 400,
    vi: 'Mã xác minh gồm 6 chữ số. Hãy nhập đúng mã trong tin nhắn hoặc thư vừa nhận.',
    en: 'The verification code has 6 digits. Enter the code from the message you just received.',
  },
  'code.wrong': {
    status: 400,
    vi: 'Mã xác minh không đúng. Bạn còn {left} lần nhập cho mã này.',
    en: 'The verification code is wrong. You have {left} more tries with this code.',
  },
  'code.spent': {
    status: 409,
    vi: 'Mã này đã bị nhập sai {max} lần nên không còn dùng được. Hãy yêu cầu mã mới.',
    en: 'This code was entered wrongly {max} times and can no longer be used. Ask for a new code.',
  },
  'code.expired': {
    status: 409,
    vi: 'Mã xác minh đã hết hạn (mỗi mã có hiệu lực {minutes} phút). Hãy yêu cầu mã mới.',
    en: 'The verification code has expired (each code is valid for {minutes} minutes). Ask for a new code.',
  },
  'code.used': {
    status: 409,
    vi: 'Mã này đã được dùng; mỗi mã chỉ dùng được một lần. Nếu cần xác minh lại, hãy yêu cầu mã mới.',
    en: 'This code has already been used; each code works once. To verify again, ask for a new code.',
  },
  'code.otherRequest': {
    status: 409,
    vi: 'Mã này thuộc về một lần yêu cầu khác. Hãy nhập mã trong tin nhắn mới nhất, trên cùng thiết bị đã yêu cầu mã.',
    en:
      'This code belongs to another request. ' +
      'Enter the code from the latest message, on the device that asked for it.',
  },
  'code.locked': {
    status: 423,
    vi:
      'Mã xác minh bị nhập sai nhiều lần. ' +
      'Để bảo vệ {identity}, việc xác minh tạm khóa đến {until}; hãy thử lại sau thời điểm đó.',
    en:
      'The verification code was entered wrongly too many times. ' +
      'To protect {identity}, verification is locked until {until}; try again after that.',
  },
  // Sending codes.
  'send.cooldown': {
    status: 429,
    vi: 'Mã vừa được gửi. Hãy chờ {seconds} giây trước khi yêu cầu mã mới; tin nhắn có thể đến chậm vài phút.',
    en: 'A code was just sent. Wait {seconds} seconds before asking for another; messages can take a few minutes.',
  },
  'send.identityLimit': {
    status: 429,
    vi:
      'Đã gửi {max} mã tới {identity} trong {window}, mức tối đa để chống lạm dụng. ' +
      'Hãy dùng mã đã nhận, hoặc thử lại sau {minutes} phút.',
    en:
      '{max} codes were sent to {identity} within {window}, the most allowed against abuse. ' +
      'Use a code you received, or try again in {minutes} minutes.',
  },
  'send.addressLimit': {
    status: 429,
    vi:
      'Mạng bạn đang dùng đã yêu cầu quá nhiều mã xác minh trong thời gian ngắn (giới hạn chống lạm dụng). ' +
      'Hãy thử lại sau {minutes} phút, hoặc chuyển sang mạng khác (ví dụ 4G thay cho Wi-Fi).',
    en:
      'The network you are on has asked for too many codes in a short time (a limit against abuse). ' +
      'Try again in {minutes} minutes, or switch networks (e.g. mobile data instead of Wi-Fi).',
  },
  'send.networkLimit': {
    status: 429,
    vi:
      'Dải mạng bạn đang dùng đã yêu cầu quá nhiều mã xác minh trong thời gian ngắn (giới hạn chống lạm dụng). ' +
      'Hãy thử lại sau {minutes} phút, hoặc chuyển sang mạng khác.',
    en:
      'The network range you are on has asked for too many codes in a short time (a limit against abuse). ' +
      'Try again in {minutes} minutes, or switch networks.',
  },
  'send.smsPaused': {
    status: 503,
    vi:
      'Việc gửi mã bằng tin nhắn đang tạm dừng vì có dấu hiệu lạm dụng. ' +
      'Hãy xác minh bằng thư điện tử nếu cuộc thi cho phép, hoặc thử lại sau {minutes} phút.',
    en:
      'Sending codes by text message is paused because of signs of abuse. ' +
      'Verify by e-mail if the contest allows it, or try again in {minutes} minutes.',
  },
  'send.smsBudget': {
    status: 503,
    vi:
      'Hôm nay cuộc thi đã dùng hết hạn mức tin nhắn xác minh. ' +
      'Hãy xác minh bằng thư điện tử nếu cuộc thi cho phép, hoặc thử lại từ {next}.',
    en:
      'The contest has used its text-message allowance for today. ' +
      'Verify by e-mail if the contest allows it, or try again from {next}.',
  },
  // Staff: quarantine review, fanpage counts, settings.
  'quarantine.reasonRequired': {
    status: 400,
    vi: 'Hãy ghi lý do loại phiếu (ít nhất {min} ký tự); lý do được ghi vào nhật ký và công bố dưới dạng tổng hợp.',
    en:
      'Give the reason for invalidating the votes (at least {min} characters); ' +
      'it is logged and published in aggregate.',
  },
  'quarantine.notAllowed': {
    status: 409,
    vi:
      'Không thể chuyển {count} phiếu từ trạng thái hiện tại sang trạng thái đã chọn. ' +
      'Hãy tải lại danh sách; có thể người khác vừa xử lý.',
    en:
      '{count} votes cannot move from their current state to the one chosen. ' +
      'Reload the list; someone may have just handled them.',
  },
  'quarantine.resultsFinal': {
    status: 409,
    vi: 'Kết quả bình chọn đã công bố chính thức nên không thay đổi trạng thái phiếu được nữa.',
    en: 'The voting results are final, so the status of votes can no longer change.',
  },
  'fanpage.sameEditor': {
    status: 409,
    vi:
      'Người xác nhận số liệu fanpage phải khác người nhập hoặc sửa sau cùng ({editors}). ' +
      'Hãy nhờ một cán bộ khác kiểm tra và xác nhận.',
    en:
      'Fanpage figures must be confirmed by someone other than the last person who ' +
      'entered or changed them ({editors}). Ask a colleague to check and confirm.',
  },
  'fanpage.nothingToConfirm': {
    status: 409,
    vi: 'Chưa có số liệu fanpage nào chờ xác nhận.',
    en: 'There are no fanpage figures waiting for confirmation.',
  },
  'fanpage.evidenceRequired': {
    status: 400,
    vi: 'Hãy đính kèm ảnh chụp màn hình bài đăng (làm bằng chứng) cho các tác phẩm: {codes}.',
    en: 'Attach a screenshot of the post (as evidence) for these entries: {codes}.',
  },
  'fanpage.csvRowErrors': {
    status: 400,
    vi: 'Tệp có {count} dòng lỗi; chưa có số liệu nào được nhập. Hãy sửa các dòng được liệt kê rồi nhập lại cả tệp.',
    en:
      'The file has {count} rows with errors; no figures were imported. ' +
      'Fix the rows listed and import the whole file again.',
  },
  'residents.rowErrors': {
    status: 400,
    vi:
      'Tệp danh sách cư dân có {count} dòng lỗi; chưa có số nào được nạp. ' +
      'Hãy sửa các dòng được liệt kê rồi nạp lại cả tệp.',
    en:
      'The residents’ list has {count} rows with errors; no number was loaded. ' +
      'Fix the rows listed and load the whole file again.',
  },
  'results.votingOpen': {
    status: 409,
    vi: 'Chỉ công bố hoặc quyết định kết quả bình chọn sau khi bình chọn kết thúc ({end}).',
    en: 'The voting results can be decided or published only after voting closes ({end}).',
  },
  'results.quarantinePending': {
    status: 409,
    vi:
      'Còn {count} phiếu chờ xem xét. Hãy tính hoặc loại hết các phiếu này ở mục “Phiếu chờ xem xét” ' +
      'trước khi công bố kết quả.',
    en: '{count} votes are still held for review. Count or invalidate them all under “Quarantined votes” first.',
  },
  'results.committeeNeeded': {
    status: 409,
    vi:
      'Các tác phẩm {entries} bằng số phiếu ở vị trí có giải và quy tắc hòa phiếu không phân định được. ' +
      'Ban Tổ chức cần ghi quyết định (kèm lý do, căn cứ) trước khi công bố.',
    en:
      'Entries {entries} tie for a prize place and the tie rule cannot settle it. ' +
      'The organizing committee must record its decision (with the reason) before publishing.',
  },
  'results.alreadyPublished': {
    status: 409,
    vi: 'Kết quả bình chọn đã được công bố chính thức lúc {at}; không thay đổi được nữa.',
    en: 'The voting results were published as final at {at}; they can no longer change.',
  },
  'tie.notNeeded': {
    status: 409,
    vi: 'Hiện không có trường hợp bằng phiếu nào cần Ban Tổ chức quyết định.',
    en: 'There is no tie for the organizing committee to decide.',
  },
  'tie.invalidChoice': {
    status: 400,
    vi: 'Hãy chọn đúng {places} tác phẩm trong số các tác phẩm bằng phiếu: {entries}.',
    en: 'Choose exactly {places} of the tied entries: {entries}.',
  },
  'tie.reasonRequired': {
    status: 400,
    vi: 'Hãy ghi lý do và căn cứ của quyết định (biên bản họp, số quyết định), ít nhất {min} ký tự.',
    en:
      'Give the reason for the decision and where it is recorded (minutes, decision number), ' +
      'at least {min} characters.',
  },
  'fanpage.postUrlInvalid': {
    status: 400,
    vi:
      'Liên kết bài đăng phải là một bài trên Facebook (https://www.facebook.com/…). ' +
      'Hãy mở bài đăng, sao chép liên kết từ thanh địa chỉ rồi dán lại.',
    en:
      'The post link must be a Facebook post (https://www.facebook.com/…). ' +
      'Open the post, copy the link from the address bar and paste it again.',
  },
  'fanpage.evidenceInvalid': {
    status: 400,
    vi:
      'Ảnh bằng chứng phải là ảnh chụp màn hình PNG, JPEG hoặc WebP, tối đa {maxMb} MB. ' +
      'Hãy chụp lại màn hình bài đăng và tải ảnh đó lên.',
    en:
      'The evidence must be a PNG, JPEG or WebP screenshot of at most {maxMb} MB. ' +
      'Take a screenshot of the post and upload that image.',
  },
  'fanpage.recordFirst': {
    status: 409,
    vi: 'Hãy nhập số liệu của bài đăng (liên kết, cảm xúc, chia sẻ, bình luận) trước khi đính kèm ảnh bằng chứng.',
    en: 'Enter the post’s figures (link, reactions, shares, comments) before attaching the screenshot.',
  },
  'fanpage.notInGallery': {
    status: 409,
    vi: 'Tác phẩm này không có trong thư viện công khai nên không có số liệu fanpage. Hãy chọn tác phẩm đang đăng.',
    en: 'This entry is not in the public gallery, so it has no fanpage figures. Choose a published entry.',
  },
  'voting.settingsLocked': {
    status: 409,
    vi:
      'Bình chọn đã bắt đầu nên không thay đổi được: {fields}. ' +
      'Thay đổi giữa chừng sẽ làm các lượt đã bình chọn không còn cùng một quy tắc.',
    en:
      'Voting has started, so these cannot change: {fields}. ' +
      'Changing them midway would leave the votes cast under different rules.',
  },
} as const satisfies Record<string, { status: number; vi: string; en: string }>;

export type VotingMessageCode = keyof typeof VOTING_MESSAGES;
/** A parameter already written in both languages. */
export interface Localized {
  vi: string;
  en: string;
}
export type MessageParams = Record<string, string | number | Date | Localized>;

/** A refusal: its code and what fills the message; instants stay instants until written in the reader's language. */
export interface VotingProblem {
  code: VotingMessageCode;
  params: MessageParams;
}

export function problem(code: VotingMessageCode, params: MessageParams = {}): VotingProblem {
  return { code, params };
}

/** The message of a code in one language, instants written in the contest's zone. */
export function votingMessage(code: VotingMessageCode, lang: Lang, params: MessageParams, timeZone: string): string {
  const template: string = VOTING_MESSAGES[code][lang];
  return template
    .replace(/\{(\w+)\}/g, (_, k: string) => {
      const v = params[k];
      if (v === undefined) return `{${k}}`;
      if (v instanceof Date) return formatVoteInstant(v, timeZone, lang);
      return typeof v === 'object' ? v[lang] : String(v);
    })
    .normalize('NFC');
}

export function describeProblem(p: VotingProblem, timeZone: string): Localized {
  return { vi: votingMessage(p.code, 'vi', p.params, timeZone), en: votingMessage(p.code, 'en', p.params, timeZone) };
}
