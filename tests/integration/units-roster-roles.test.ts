import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionInfo } from '@core/account.ts';
import type { ContestRoleView, UnitView } from '../helpers/api-types.ts';
import { Client, loggedInClient, makeUser, registerOverApi, startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let organizer: Client;
let secretariat: Client;
let base: string;

beforeAll(async () => {
  t = await startTestApp();
  base = `/api/contests/${t.demoSlug}`;
  const o = await makeUser(t, { role: 'organizer' });
  organizer = await loggedInClient(t, o.email, o.password);
  const s = await makeUser(t, { role: 'secretariat' });
  secretariat = await loggedInClient(t, s.email, s.password);
});
afterAll(async () => t?.close());

const importFile = (c: Client, file: Buffer, filename: string, contentType = 'text/csv') =>
  c.request('POST', `${base}/units/import?filename=${encodeURIComponent(filename)}`, undefined, {
    raw: file,
    contentType,
  });

describe('units', () => {
  it('lists in Vietnamese order and finds "vinh thai" without diacritics', async () => {
    const all = (await secretariat.get(`${base}/units`)).json<UnitView[]>();
    expect(all).toHaveLength(23);
    const communes = all.filter((u) => u.categoryCode === 'commune').map((u) => u.name);
    expect(communes).toEqual([...communes].sort(new Intl.Collator('vi').compare));
    const found = (await secretariat.get(`${base}/units?q=${encodeURIComponent('vinh thai')}`)).json<UnitView[]>();
    expect(found.map((u) => u.name)).toEqual(['Xã Vĩnh Thái']);
    expect((await secretariat.get(`${base}/units?q=${encodeURIComponent('VĨNH THÁI')}`)).json()).toHaveLength(1);
  });

  it('creates, renames and deletes a unit, refusing a duplicate name written differently', async () => {
    const created = await secretariat.post(`${base}/units`, {
      name: 'Hội Liên hiệp Phụ nữ huyện',
      categoryCode: 'organization',
    });
    expect(created.statusCode).toBe(201);
    const dup = await secretariat.post(`${base}/units`, {
      name: 'hoi lien hiep phu nu huyen',
      categoryCode: 'organization',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toContain('hoi lien hiep phu nu huyen');
    const id = created.json().id;
    expect(
      (await secretariat.put(`${base}/units/${id}`, { name: 'Hội LHPN huyện Vĩnh Linh', categoryCode: 'organization' }))
        .statusCode,
    ).toBe(200);
    const unknownCat = await secretariat.put(`${base}/units/${id}`, { name: 'Hội LHPN', categoryCode: 'khong-co' });
    expect(unknownCat.json().error.code).toBe('unit.categoryUnknown');
    expect(unknownCat.json().error.message).toContain('commune');
    expect((await secretariat.delete(`${base}/units/${id}`)).statusCode).toBe(200);
    expect((await secretariat.delete(`${base}/units/${id}`)).statusCode).toBe(404);
  });

  it('will not delete a unit that has a representative', async () => {
    const unit = (await secretariat.get(`${base}/units?q=ho xa`)).json()[0];
    await makeUser(t, { role: 'unit_rep', unitId: unit.id });
    const res = await secretariat.delete(`${base}/units/${unit.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('unit.inUse');
  });

  it('imports a CSV from Excel in Vietnamese (BOM, semicolons, category by name without diacritics)', async () => {
    const csv =
      '\uFEFFTên đơn vị;Loại\r\nĐoàn Thanh niên huyện;to chuc khac\r\nXã Vĩnh Thái;UBND xã, thị trấn\r\n;\r\n';
    const res = await importFile(secretariat, Buffer.from(csv), 'don-vi.csv');
    expect(res.json()).toEqual({ created: 1, updated: 1 });
    expect((await secretariat.get(`${base}/units?q=doan thanh nien`)).json()[0]).toMatchObject({
      name: 'Đoàn Thanh niên huyện',
      categoryCode: 'organization',
    });
  });

  it('imports an XLSX file', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Đơn vị');
    ws.addRow(['ten', 'loai', 'email']);
    ws.addRow(['Trường THPT Vĩnh Linh', 'organization', 'thpt@example.vn']);
    ws.addRow(['Bưu điện huyện', 'Tổ chức khác', '']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await importFile(
      secretariat,
      buf,
      'don-vi.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.json()).toEqual({ created: 2, updated: 0 });
    expect((await secretariat.get(`${base}/units?q=thpt`)).json()[0].contactEmail).toBe('thpt@example.vn');
  });

  it('rejects a file with bad rows as a whole, listing each row, and imports nothing', async () => {
    const before = (await secretariat.get(`${base}/units`)).json().length;
    const csv = 'ten,loai\nĐơn vị Một,organization\n,organization\nĐơn vị Hai,hành tinh\nĐơn vị Một,organization\n';
    const res = await importFile(secretariat, Buffer.from(csv), 'loi.csv');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('import.rowErrors');
    expect(res.json().error.message).toContain('3 dòng lỗi');
    const { rows } = res.json<{ error: { details: { rows: { row: number }[] } } }>().error.details;
    expect(rows.map((r) => r.row)).toEqual([3, 4, 5]);
    expect((await secretariat.get(`${base}/units`)).json().length).toBe(before);
  });

  it('rejects a file without the header in plain words', async () => {
    const res = await importFile(secretariat, Buffer.from('a,b\nc,d\n'), 'x.csv');
    expect(res.json().error.details.rows[0].message.vi).toContain('Thiếu cột tiêu đề');
  });
});

describe('roster (R4)', () => {
  it('adds members with normalized contacts and removes them', async () => {
    const res = await secretariat.post(`${base}/roster`, {
      body: 'jury',
      fullName: 'Hoàng Văn Giám',
      position: 'Trưởng ban',
      email: 'Giam.Hoang@Example.VN',
      phone: '+84 905 111 222',
    });
    expect(res.statusCode).toBe(201);
    const list = (await secretariat.get(`${base}/roster`)).json();
    expect(list).toEqual([
      expect.objectContaining({
        body: 'jury',
        fullName: 'Hoàng Văn Giám',
        email: 'giam.hoang@example.vn',
        phone: '0905111222',
      }),
    ]);
    expect((await secretariat.delete(`${base}/roster/${res.json().id}`)).statusCode).toBe(200);
    expect((await secretariat.get(`${base}/roster`)).json()).toEqual([]);
  });

  it('needs a contact so that the exclusion can be matched, and refuses a bad phone', async () => {
    expect(
      (await secretariat.post(`${base}/roster`, { body: 'secretariat', fullName: 'Không Liên Hệ' })).json().error.code,
    ).toBe('roster.contactRequired');
    expect(
      (await secretariat.post(`${base}/roster`, { body: 'secretariat', fullName: 'Số Sai', phone: '123' })).json().error
        .code,
    ).toBe('account.phoneInvalid');
  });

  it('keeps phones out of the audit log', async () => {
    await secretariat.post(`${base}/roster`, {
      body: 'organizing_committee',
      fullName: 'Võ Thị Ban',
      phone: '0912 333 444',
    });
    const audit = await t.deps.db.selectFrom('audit_log').select('details_json').execute();
    expect(audit.some((a) => a.details_json.includes('0912333444') || a.details_json.includes('912 333'))).toBe(false);
  });
});

describe('roles', () => {
  it('grants a role by phone, ties a unit representative to a unit, and revokes', async () => {
    const c = new Client(t.app);
    await registerOverApi(
      t,
      c,
      { fullName: 'Đặng Văn Đại Diện', phone: '0977 123 456', password: 'mat-khau-thu-nghiem-1' },
      '0977123456',
    );
    const unit = (await secretariat.get(`${base}/units?q=vinh tu`)).json()[0];
    const noUnit = await organizer.post(`${base}/roles`, { identifier: '0977123456', role: 'unit_rep' });
    expect(noUnit.json().error.code).toBe('role.unitRequired');
    const granted = await organizer.post(`${base}/roles`, {
      identifier: '+84977123456',
      role: 'unit_rep',
      unitId: unit.id,
    });
    expect(granted.statusCode).toBe(201);
    const again = await organizer.post(`${base}/roles`, {
      identifier: '0977123456',
      role: 'unit_rep',
      unitId: unit.id,
    });
    expect(again.json().id).toBe(granted.json().id);
    const roles = (await organizer.get(`${base}/roles`)).json<ContestRoleView[]>();
    expect(roles.find((r) => r.id === granted.json().id)).toMatchObject({
      role: 'unit_rep',
      unitName: 'Xã Vĩnh Tú',
      fullName: 'Đặng Văn Đại Diện',
    });
    expect((await organizer.delete(`${base}/roles/${granted.json().id}`)).statusCode).toBe(200);
    const left = (await organizer.get(`${base}/roles`)).json<ContestRoleView[]>();
    expect(left.some((r) => r.id === granted.json().id)).toBe(false);
  });

  it('will not make one unit’s representative another’s without removing the first', async () => {
    const a = (await secretariat.get(`${base}/units?q=vinh son`)).json()[0];
    const b = (await secretariat.get(`${base}/units?q=vinh thuy`)).json()[0];
    const u = await makeUser(t, { role: 'unit_rep', unitId: a.id });
    const res = await organizer.post(`${base}/roles`, { identifier: u.email, role: 'unit_rep', unitId: b.id });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('Xã Vĩnh Sơn');
    const same = await organizer.post(`${base}/roles`, { identifier: u.email, role: 'unit_rep', unitId: a.id });
    expect(same.statusCode).toBe(201);
  });

  it('tells the organizer when the person has not registered', async () => {
    const res = await organizer.post(`${base}/roles`, { identifier: 'chua-co@example.vn', role: 'juror' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toContain('cần đăng ký trước');
  });

  it('never removes the last organizer', async () => {
    const me = (await organizer.get('/api/auth/session')).json<SessionInfo>().user!.id;
    const roles = (await organizer.get(`${base}/roles`))
      .json<ContestRoleView[]>()
      .filter((r) => r.role === 'organizer');
    expect(roles.length).toBeGreaterThan(1);
    const mine = roles.find((r) => r.userId === me)!;
    for (const r of roles.filter((x) => x !== mine))
      expect((await organizer.delete(`${base}/roles/${r.id}`)).statusCode).toBe(200);
    const last = await organizer.delete(`${base}/roles/${mine.id}`);
    expect(last.statusCode).toBe(409);
    expect(last.json().error.code).toBe('role.lastOrganizer');
  });

  it('takes effect at once: a revoked secretariat member loses access on the next request', async () => {
    const u = await makeUser(t, { role: 'secretariat' });
    const c = await loggedInClient(t, u.email, u.password);
    expect((await c.get(`${base}/units`)).statusCode).toBe(200);
    const admin = await loggedInClient(t, t.admin.email, t.admin.password);
    const role = (await admin.get(`${base}/roles`)).json<ContestRoleView[]>().find((r) => r.userId === u.id)!;
    await admin.delete(`${base}/roles/${role.id}`);
    expect((await c.get(`${base}/units`)).json().error.code).toBe('auth.forbidden');
  });
});
