import { describe, expect, it } from 'vitest';
import { hashtagOf, publicCaption, publicCredits } from './caption.ts';

const author = (fullName: string) => ({
  fullName,
  position: 'Công chức',
  unitName: 'UBND xã',
  address: 'Thôn 3, xã Vĩnh Lâm',
  phone: '0912345678',
  email: 'a@example.vn',
});

describe('public credits and caption', () => {
  it('credits names and the unit, never phones, addresses or e-mails', () => {
    const credits = publicCredits(
      { isGroup: false, groupName: '', authors: [author('Lê Thị Mai'), author(' Trần Văn Nam ')] },
      'Xã Vĩnh Lâm',
    );
    expect(credits).toEqual({ groupName: null, authors: ['Lê Thị Mai', 'Trần Văn Nam'], unitName: 'Xã Vĩnh Lâm' });
    const caption = publicCaption({
      title: 'Một cửa, một dấu',
      form: 'report',
      credits,
      hashtag: '#CCHCVinhLinh2024',
      contestName: 'Cuộc thi video CCHC',
    });
    expect(caption).toBe(
      [
        '«Một cửa, một dấu»',
        'Hình thức: Phóng sự ngắn',
        'Tác giả: Lê Thị Mai, Trần Văn Nam',
        'Đơn vị: Xã Vĩnh Lâm',
        'Tác phẩm dự thi “Cuộc thi video CCHC”',
        '#CCHCVinhLinh2024',
      ].join('\n'),
    );
    for (const secret of ['0912345678', 'Thôn 3', 'a@example.vn']) expect(caption).not.toContain(secret);
    expect(caption).toBe(caption.normalize('NFC'));
  });

  it('names a group with its members, and writes English', () => {
    const credits = publicCredits(
      { isGroup: true, groupName: 'Nhóm Sông Bến Hải', authors: [author('Hồ Văn A'), author('Phan Thị B')] },
      null,
    );
    const caption = publicCaption(
      { title: 'Cầu Hiền Lương', form: null, credits, hashtag: '', contestName: 'Video contest' },
      'en',
    );
    expect(caption).toBe(
      '«Cầu Hiền Lương»\nGroup: Nhóm Sông Bến Hải (Hồ Văn A, Phan Thị B)\nAn entry in “Video contest”',
    );
  });

  it('makes a hashtag without diacritics', () => {
    expect(hashtagOf('Cải cách hành chính Vĩnh Linh 2024')).toBe('#CaiCachHanhChinhVinhLinh2024');
    expect(hashtagOf('Đường đến trường')).toBe('#DuongDenTruong');
    expect(hashtagOf(' – ')).toBe('');
  });
});
