/** What the entrant is told when their entry is published in the gallery or taken out of it (vi, en, SMS). */
export interface PublicationMessageFacts {
  event: 'published' | 'unpublished';
  contestName: string;
  entryCode: string;
  title: string;
  /** Why it was taken out; empty when published. */
  reason: string;
  /** The public page when published, the entrant's page when unpublished. */
  url: string;
}

export function publicationMessage(f: PublicationMessageFacts) {
  const m =
    f.event === 'published'
      ? {
          title: { vi: `Tác phẩm ${f.entryCode} đã được đăng công khai`, en: `Entry ${f.entryCode} is now public` },
          body: {
            vi:
              `Tác phẩm «${f.title}» đã được đăng trong thư viện công khai của cuộc thi “${f.contestName}”. Hãy ` +
              `chia sẻ đường dẫn để mọi người cùng xem và bình chọn: ${f.url}`,
            en:
              `Your entry «${f.title}» is now in the public gallery of “${f.contestName}”. Share the link so ` +
              `that people can watch and vote: ${f.url}`,
          },
          sms: `Cuộc thi video: tác phẩm ${f.entryCode} đã được đăng công khai. ${f.url}`,
        }
      : {
          title: {
            vi: `Tác phẩm ${f.entryCode} tạm gỡ khỏi thư viện công khai`,
            en: `Entry ${f.entryCode} was taken out of the public gallery`,
          },
          body: {
            vi:
              `Tác phẩm «${f.title}» đã được gỡ khỏi thư viện công khai của cuộc thi “${f.contestName}”. Lý do: ` +
              `${f.reason}\n\nNếu có thắc mắc, hãy liên hệ Ban Tổ chức. Xem tác phẩm: ${f.url}`,
            en:
              `Your entry «${f.title}» was taken out of the public gallery of “${f.contestName}”. Reason: ` +
              `${f.reason}\n\nIf you have questions, contact the organizers. See the entry: ${f.url}`,
          },
          sms: `Cuộc thi video: tác phẩm ${f.entryCode} đã được gỡ khỏi thư viện công khai. ${f.url}`,
        };
  return {
    kind: f.event,
    title: { vi: m.title.vi.normalize('NFC'), en: m.title.en.normalize('NFC') },
    body: { vi: m.body.vi.normalize('NFC'), en: m.body.en.normalize('NFC') },
    sms: m.sms.normalize('NFC'),
  };
}
