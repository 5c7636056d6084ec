/**
 * Reading the audit log as people do: targets named (the member, the unit, the person given a role), filters by
 * person, action and day, the people to filter by, and the XLSX export read back cell by cell in both languages.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utcToZonedLocal } from '@core/time.ts';
import { type Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let base: string;
let organizer: Client;
let organizerId: number;
let secondId: number;
let juror: Client;

async function sheet(body: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

beforeAll(async () => {
  t = await startTestApp();
  base = `/api/contests/${t.demoSlug}`;
  const o = await makeUser(t, { role: 'organizer', fullName: 'Trần Tổ Chức' });
  organizerId = o.id;
  organizer = await loggedInClient(t, o.email, o.password);
  const second = await makeUser(t, { role: 'organizer', fullName: 'Võ Thứ Hai' });
  secondId = second.id;
  const other = await loggedInClient(t, second.email, second.password);
  const j = await makeUser(t, { role: 'juror' });
  juror = await loggedInClient(t, j.email, j.password);

  expect(
    (await organizer.post(`${base}/roster`, { body: 'jury', fullName: 'Phan Văn Chấm', email: 'cham@example.vn' }))
      .statusCode,
  ).toBe(201);
  const unit = await other.post(`${base}/units`, { name: 'Hội Nông dân xã Vĩnh Tú', categoryCode: 'organization' });
  expect(unit.statusCode).toBe(201);
});
afterAll(async () => t?.close());

describe('reading the audit log', () => {
  it('names the target of each record and who acted', async () => {
    const records = (await organizer.get(`${base}/audit`)).json();
    const roster = records.find((r: { action: string }) => r.action === 'roster.add');
    expect(roster).toMatchObject({ targetLabel: 'Phan Văn Chấm', actorName: 'Trần Tổ Chức', actorUserId: organizerId });
    const unit = records.find((r: { action: string }) => r.action === 'unit.create');
    expect(unit).toMatchObject({ targetLabel: 'Hội Nông dân xã Vĩnh Tú', actorName: 'Võ Thứ Hai' });
    const contest = records.find((r: { action: string }) => r.action === 'contest.create');
    expect(contest.targetLabel).toMatch(/^«.+»$/);
  });

  it('filters by person, by action and by day in the contest zone', async () => {
    const byOrganizer = (await organizer.get(`${base}/audit?actorUserId=${organizerId}`)).json();
    expect(byOrganizer.map((r: { action: string }) => r.action)).toEqual(['roster.add']);
    const bySecond = (await organizer.get(`${base}/audit?actorUserId=${secondId}`)).json();
    expect(bySecond.map((r: { action: string }) => r.action)).toEqual(['unit.create']);
    const units = (await organizer.get(`${base}/audit?action=unit.create`)).json();
    expect(units).toHaveLength(1);

    const today = utcToZonedLocal(new Date(), 'Asia/Ho_Chi_Minh').slice(0, 10);
    const shift = (days: number) =>
      new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const todays = (await organizer.get(`${base}/audit?from=${today}&to=${today}&action=roster.add`)).json();
    expect(todays).toHaveLength(1);
    expect((await organizer.get(`${base}/audit?from=${shift(1)}`)).json()).toEqual([]);
    expect((await organizer.get(`${base}/audit?to=${shift(-1)}&action=roster.add`)).json()).toEqual([]);
    const bad = await organizer.get(`${base}/audit?from=06/12/2026`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation');
  });

  it('lists the people who appear in the log, for the filter', async () => {
    const people = (await organizer.get(`${base}/audit/people`)).json();
    expect(people).toEqual(
      expect.arrayContaining([
        { userId: organizerId, fullName: 'Trần Tổ Chức' },
        { userId: secondId, fullName: 'Võ Thứ Hai' },
      ]),
    );
    expect((await juror.get(`${base}/audit/people`)).statusCode).toBe(403);
  });

  it('exports the filtered log as XLSX with sentences and labelled details, in the caller’s language', async () => {
    const res = await organizer.get(`${base}/audit.xlsx?action=roster.add`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const vi = await sheet(res.rawPayload);
    expect(vi[0]).toEqual([
      '#',
      'Thời điểm (giờ Việt Nam, UTC+7)',
      'Người thực hiện',
      'Việc đã làm',
      'Kết quả',
      'Chi tiết',
      'Địa chỉ IP',
      'Mã băm',
    ]);
    expect(vi).toHaveLength(2);
    expect(vi[1]![1]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    expect(vi[1]!.slice(2, 6)).toEqual([
      'Trần Tổ Chức',
      'Trần Tổ Chức thêm thành viên Phan Văn Chấm.',
      'Thành công',
      'Ban: jury\nHọ tên: Phan Văn Chấm',
    ]);
    expect(vi[1]!.join(' ')).not.toContain('{');

    organizer.lang = 'en';
    const en = await sheet((await organizer.get(`${base}/audit.xlsx?actorUserId=${secondId}`)).rawPayload);
    organizer.lang = 'vi';
    expect(en[0]![3]).toBe('What was done');
    expect(en.slice(1).map((r) => r[3])).toEqual(['Võ Thứ Hai added the unit Hội Nông dân xã Vĩnh Tú.']);
    expect(en[1]![5]).toBe(
      'Name: Hội Nông dân xã Vĩnh Tú\nUnit category: organization\nContact person: —\n' +
        "Contact's position: —\nContact phone given: no\nContact e-mail given: no",
    );
    expect((await juror.get(`${base}/audit.xlsx`)).statusCode).toBe(403);
  });
});
