import { Card, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/**
 * The jury's paper for a round: the printed score sheets, and once the round is locked its minutes (DOCX to edit and
 * sign, PDF for the records). The place name of the documents' date line ("Vĩnh Linh, ngày …") is asked here.
 */
export function RoundPapers({ roundId, locked }: { roundId: number; locked: boolean }) {
  const { t } = useTranslation();
  const [place, setPlace] = useState('');
  const [meetingPlace, setMeetingPlace] = useState('');
  const q = new URLSearchParams({ place: place.trim() });
  if (meetingPlace.trim()) q.set('meetingPlace', meetingPlace.trim());
  const href = (file: string) => `/api/judging/rounds/${roundId}/${file}?${q.toString()}`;
  const ready = place.trim().length > 0;
  const link = (file: string, label: string, testId: string) =>
    ready ? (
      <a className="ant-btn ant-btn-default" href={href(file)} download data-testid={testId}>
        {label}
      </a>
    ) : (
      <span className="ant-btn ant-btn-default ant-btn-disabled" aria-disabled="true" data-testid={testId}>
        {label}
      </span>
    );
  return (
    <Card title={t('judgingPapers.title')} style={{ marginBottom: 16 }}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <label>
          {t('judgingPapers.place')}
          <Input
            value={place}
            onChange={(e) => setPlace(e.target.value)}
            placeholder="Vĩnh Linh"
            data-testid="papers-place"
          />
        </label>
        {locked && (
          <label>
            {t('judgingPapers.meetingPlace')}
            <Input value={meetingPlace} onChange={(e) => setMeetingPlace(e.target.value)} />
          </label>
        )}
        {!ready && <p>{t('judgingPapers.placeFirst')}</p>}
        <Space wrap>
          {link('score-sheets.pdf', t('judgingPapers.sheets'), 'papers-sheets')}
          {locked && link('minutes.docx', t('judgingPapers.minutesDocx'), 'papers-minutes-docx')}
          {locked && link('minutes.pdf', t('judgingPapers.minutesPdf'), 'papers-minutes-pdf')}
        </Space>
        {!locked && <p>{t('judgingPapers.minutesAfterLock')}</p>}
        <Link to={`../../paper/${roundId}`} relative="path" data-testid="papers-desk">
          {t('judgingPapers.desk')}
        </Link>
      </Space>
    </Card>
  );
}
