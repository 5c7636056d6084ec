import { useMutation } from '@tanstack/react-query';
import { Checkbox, Modal, Select, Table, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setRoundJurors, type JurorAppointment, type StaffRound } from '../../../api/judging.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import { useAllUnits } from '../units/units-api.ts';

interface Row extends JurorAppointment {
  fullName: string;
  inRound: boolean;
}

/**
 * The organizer appoints a draft round's jurors from the people holding the contest's juror role: who scores, which
 * one chairs, each one's unit (the automatic same-unit conflict) and whether they score online or on paper.
 */
export function JurorsModal({
  round,
  onClose,
  onDone,
}: {
  round: StaffRound;
  onClose: () => void;
  onDone: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const units = useAllUnits(round.contestSlug, true);
  const unitName = (id: number | null) => units.data?.find((u) => u.id === id)?.name ?? null;
  const [rows, setRows] = useState<Row[]>(() =>
    round.candidates.map((c) => {
      const j = round.jurors.find((x) => x.userId === c.userId);
      return {
        userId: c.userId,
        fullName: c.fullName,
        inRound: j !== undefined,
        isChair: j?.isChair ?? false,
        unitId: j?.unitId ?? null,
        unitName: j?.unitName ?? null,
        mode: j?.mode ?? 'online',
      };
    }),
  );
  const chair = rows.find((r) => r.inRound && r.isChair)?.userId ?? null;
  const change = (userId: number, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.userId === userId ? { ...r, ...patch } : r)));
  const save = useMutation({
    mutationFn: () =>
      setRoundJurors(
        round.id,
        rows
          .filter((r) => r.inRound)
          .map((r) => ({
            userId: r.userId,
            isChair: r.userId === chair,
            unitId: r.unitId,
            // The unit's name too, so that a person's entry naming the unit in its authors' details is caught.
            unitName: r.unitId !== null ? (unitName(r.unitId) ?? r.unitName) : r.unitName,
            mode: r.mode,
          })),
      ),
    onSuccess: async () => {
      await onDone();
      onClose();
    },
  });
  const unitOptions = (units.data ?? []).map((u) => ({ value: u.id, label: u.name }));
  return (
    <Modal
      open
      width={900}
      title={t('judgingSetup.appoint')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => save.mutate()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'jurors-save' } as ButtonProps}
      destroyOnHidden
    >
      <ApiErrorAlert error={save.error} testId="jurors-error" />
      {rows.length === 0 ? (
        <p>{t('judgingSetup.noCandidates')}</p>
      ) : (
        <>
          <label htmlFor="jurors-chair">{t('judgingSetup.chairPick')}</label>
          <Select
            id="jurors-chair"
            data-testid="jurors-chair"
            style={{ width: '100%', marginBottom: 16 }}
            placeholder={t('judgingSetup.noChair')}
            value={chair}
            allowClear
            onChange={(v: number | undefined) => setRows((rs) => rs.map((r) => ({ ...r, isChair: r.userId === v })))}
            options={rows.filter((r) => r.inRound).map((r) => ({ value: r.userId, label: r.fullName }))}
          />
          <p className="manage-muted">{t('judgingSetup.unitHint')}</p>
          <Table
            rowKey="userId"
            size="small"
            pagination={false}
            scroll={{ x: 640 }}
            dataSource={rows}
            columns={[
              {
                title: t('judgingSetup.inRound'),
                render: (_, r) => (
                  <Checkbox
                    checked={r.inRound}
                    data-testid={`juror-pick-${r.userId}`}
                    onChange={(e) =>
                      change(r.userId, { inRound: e.target.checked, isChair: e.target.checked && r.isChair })
                    }
                  >
                    {r.fullName}
                  </Checkbox>
                ),
              },
              {
                title: t('judgingSetup.unit'),
                render: (_, r) => (
                  <Select
                    aria-label={`${t('judgingSetup.unit')} — ${r.fullName}`}
                    style={{ width: 240 }}
                    allowClear
                    showSearch={{ optionFilterProp: 'label' }}
                    disabled={!r.inRound}
                    value={r.unitId ?? undefined}
                    options={unitOptions}
                    onChange={(v: number | undefined) => change(r.userId, { unitId: v ?? null, unitName: null })}
                  />
                ),
              },
              {
                title: t('judgingSetup.mode'),
                render: (_, r) => (
                  <Select
                    aria-label={`${t('judgingSetup.mode')} — ${r.fullName}`}
                    style={{ width: 170 }}
                    disabled={!r.inRound}
                    value={r.mode}
                    options={(['online', 'paper'] as const).map((m) => ({
                      value: m,
                      label: t(`judgingSetup.modes.${m}`),
                    }))}
                    onChange={(v: 'online' | 'paper') => change(r.userId, { mode: v })}
                  />
                ),
              },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
