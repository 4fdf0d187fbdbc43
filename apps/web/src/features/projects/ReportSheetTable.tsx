import { PaperClipOutlined, SaveOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Empty, Flex, Input, InputNumber, Space, Table, type TableProps, Tag, Typography } from "antd";
import { type HTMLAttributes, useState } from "react";
import { Link } from "react-router";
import { api, isApiError } from "../../app/api.ts";
import { getFeedback, showSuccess } from "../../components/feedback.ts";
import { addWan, cleanWan, completionOf, formatPercent, formatWanText } from "./projectFormat.ts";
import { useProjectI18n } from "./projectI18n.ts";
import { ReportModal, type ReportTarget } from "./ReportModal.tsx";
import {
  type MonthlyReportInput,
  type Project,
  projectKeys,
  type ReportSheet,
  type ReportSheetParams,
  type ReportSheetRow,
} from "./useProjects.ts";

type Draft = { completedWan?: string | null; progress?: string | null; problems?: string | null };

/** The editable sheet of one month: a row per project, saved row by row (or all changed rows at once). */
export function ReportSheetTable({
  params,
  sheet,
  stale,
}: {
  params: ReportSheetParams;
  sheet: ReportSheet;
  stale: boolean;
}) {
  const { t, tp } = useProjectI18n();
  const queryClient = useQueryClient();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState<Set<string>>(new Set());
  const [detail, setDetail] = useState<ReportTarget | null>(null);
  const open = !stale && (sheet.state === "open" || sheet.state === "reopened");

  const shown = (row: ReportSheetRow): Required<Draft> => {
    const d = drafts[row.projectId];
    return {
      completedWan: d?.completedWan !== undefined ? d.completedWan : (row.report?.completedWan ?? null),
      progress: d?.progress !== undefined ? d.progress : (row.report?.progress ?? null),
      problems: d?.problems !== undefined ? d.problems : (row.report?.problems ?? null),
    };
  };
  const isDirty = (row: ReportSheetRow) => {
    const d = drafts[row.projectId];
    if (!d) return false;
    const v = shown(row);
    const r = row.report;
    return (
      cleanWan(v.completedWan) !== (r?.completedWan ?? "") ||
      (v.progress ?? "") !== (r?.progress ?? "") ||
      (v.problems ?? "") !== (r?.problems ?? "")
    );
  };
  const edit = (row: ReportSheetRow, patch: Draft) => {
    setDrafts((all) => ({ ...all, [row.projectId]: { ...all[row.projectId], ...patch } }));
    setErrors(({ [row.projectId]: _, ...rest }) => rest);
  };
  const forget = (projectId: string) => {
    setDrafts(({ [projectId]: _, ...rest }) => rest);
    setErrors(({ [projectId]: _, ...rest }) => rest);
  };

  const saveRow = useMutation({
    mutationFn: (row: ReportSheetRow) => {
      const v = shown(row);
      const body: MonthlyReportInput = {
        completedWan: cleanWan(v.completedWan),
        progress: v.progress?.trim() || null,
        problems: v.problems?.trim() || null,
        version: row.report?.version,
      };
      return api.put<Project>(`/projects/${row.projectId}/reports/${sheet.year}/${sheet.month}`, body);
    },
    meta: { quiet: true },
    onMutate: (row) => setSaving((s) => new Set(s).add(row.projectId)),
    onSettled: (_d, _e, row) =>
      setSaving((s) => {
        const next = new Set(s);
        next.delete(row.projectId);
        return next;
      }),
    onSuccess: (p, row) => {
      const report = p.reports.find((r) => r.year === sheet.year && r.month === sheet.month) ?? null;
      queryClient.setQueryData<ReportSheet>(projectKeys.reportSheet(params), (old) =>
        old ? { ...old, items: old.items.map((it) => (it.projectId === row.projectId ? { ...it, report } : it)) } : old,
      );
      queryClient.setQueryData(projectKeys.detail(p.id), p);
      forget(row.projectId);
    },
    onError: (err, row) => {
      if (isApiError(err) && err.status === 409) {
        getFeedback()?.message.warning(tp("rep.conflict", { name: row.name }));
        forget(row.projectId);
        void queryClient.invalidateQueries({ queryKey: projectKeys.reportSheet(params) });
        return;
      }
      const text = isApiError(err)
        ? [err.detail, ...err.errors.map((e) => e.message)].filter(Boolean).join("；")
        : String(err);
      setErrors((all) => ({ ...all, [row.projectId]: text }));
    },
  });

  const check = (row: ReportSheetRow): boolean => {
    if (cleanWan(shown(row).completedWan) === "") {
      setErrors((all) => ({ ...all, [row.projectId]: tp("rep.requiredCompleted") }));
      return false;
    }
    return true;
  };
  const save = async (row: ReportSheetRow) => {
    if (!check(row)) return false;
    try {
      await saveRow.mutateAsync(row);
      return true;
    } catch {
      return false;
    }
  };
  const dirtyRows = sheet.items.filter(isDirty);
  const saveAll = async () => {
    let n = 0;
    for (const row of dirtyRows) if (await save(row)) n++;
    if (n > 0) showSuccess(tp("rep.savedAll", { n }));
    void queryClient.invalidateQueries({ queryKey: projectKeys.all });
  };

  const columns: TableProps<ReportSheetRow>["columns"] = [
    {
      title: tp("field.name"),
      key: "name",
      width: 230,
      fixed: "left",
      render: (_: unknown, row: ReportSheetRow) => (
        <Flex vertical gap={2}>
          <Space size={4} wrap>
            <Link to={`/projects/${row.projectId}?year=${sheet.year}&month=${sheet.month}`}>{row.name}</Link>
            {row.report ? (
              <Tag color="green" style={{ marginInlineEnd: 0 }}>
                {tp("rep.reported")}
              </Tag>
            ) : (
              <Tag style={{ marginInlineEnd: 0 }}>{tp("rep.notReported")}</Tag>
            )}
            {row.report && row.report.attachments.length > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <PaperClipOutlined /> {row.report.attachments.length}
              </Typography.Text>
            )}
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <span style={{ fontFamily: "monospace" }}>{row.code}</span>
            {row.unitName ? ` · ${row.unitName}` : ""}
          </Typography.Text>
          {errors[row.projectId] && (
            <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="report-row-error">
              {errors[row.projectId]}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: tp("col.planShort"),
      dataIndex: "planWan",
      width: 96,
      align: "right",
      render: (v: string | null) => formatWanText(v),
    },
    {
      title: tp("rep.beforeShort"),
      dataIndex: "completedBeforeWan",
      width: 96,
      align: "right",
      render: (v: string) => formatWanText(v),
    },
    {
      title: tp("rep.thisMonthShort"),
      key: "completed",
      width: 130,
      render: (_: unknown, row: ReportSheetRow) => (
        <InputNumber<string>
          stringMode
          min="0"
          value={shown(row).completedWan}
          onChange={(v) => edit(row, { completedWan: v })}
          disabled={!open || !row.canReport}
          status={errors[row.projectId] ? "error" : undefined}
          style={{ width: "100%" }}
          data-testid={`report-completed-${row.code}`}
        />
      ),
    },
    {
      title: tp("rep.ytdShort"),
      key: "ytd",
      width: 110,
      align: "right",
      render: (_: unknown, row: ReportSheetRow) => {
        const v = cleanWan(shown(row).completedWan);
        const ytd = v ? addWan(row.completedBeforeWan, v) : row.completedBeforeWan;
        return (
          <Flex vertical gap={0} align="end">
            <span>{formatWanText(ytd)}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatPercent(completionOf(ytd, row.planWan))}
            </Typography.Text>
          </Flex>
        );
      },
    },
    {
      title: tp("report.progress"),
      key: "progress",
      width: 200,
      render: (_: unknown, row: ReportSheetRow) => (
        <Input.TextArea
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={2000}
          value={shown(row).progress ?? ""}
          onChange={(e) => edit(row, { progress: e.target.value })}
          disabled={!open || !row.canReport}
        />
      ),
    },
    {
      title: tp("report.problems"),
      key: "problems",
      width: 180,
      render: (_: unknown, row: ReportSheetRow) => (
        <Input.TextArea
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={2000}
          value={shown(row).problems ?? ""}
          onChange={(e) => edit(row, { problems: e.target.value })}
          disabled={!open || !row.canReport}
        />
      ),
    },
    {
      title: t("common.actions"),
      key: "actions",
      width: 100,
      fixed: "right",
      render: (_: unknown, row: ReportSheetRow) =>
        open && row.canReport ? (
          <Flex vertical gap={0} align="start">
            <Button
              type="link"
              size="small"
              icon={<SaveOutlined />}
              disabled={!isDirty(row)}
              loading={saving.has(row.projectId)}
              onClick={() =>
                void save(row).then((ok) => ok && showSuccess(tp("rep.saved", { name: row.name, month: sheet.month })))
              }
              data-testid={`report-save-${row.code}`}
            >
              {tp("rep.save")}
            </Button>
            <Button
              type="link"
              size="small"
              icon={<PaperClipOutlined />}
              onClick={() =>
                setDetail({
                  projectId: row.projectId,
                  projectName: row.name,
                  year: sheet.year,
                  month: sheet.month,
                  report: row.report,
                  planWan: row.planWan,
                  completedBeforeWan: row.completedBeforeWan,
                  draft: drafts[row.projectId],
                })
              }
              data-testid={`report-more-${row.code}`}
            >
              {tp("rep.more")}
            </Button>
          </Flex>
        ) : (
          <Typography.Text type="secondary">{tp("rep.readonly")}</Typography.Text>
        ),
    },
  ];

  return (
    <>
      {dirtyRows.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={tp("rep.dirty", { n: dirtyRows.length })}
          action={
            <Button
              type="primary"
              size="small"
              icon={<SaveOutlined />}
              loading={saving.size > 0}
              onClick={() => void saveAll()}
              data-testid="report-save-all"
            >
              {tp("rep.saveAll", { n: dirtyRows.length })}
            </Button>
          }
        />
      )}
      <Typography.Text type="secondary" style={{ display: "block", textAlign: "right", fontSize: 12, marginBottom: 4 }}>
        {tp("rep.moneyUnit")}
      </Typography.Text>
      <Table<ReportSheetRow>
        rowKey="projectId"
        size="small"
        columns={columns}
        dataSource={sheet.items}
        pagination={false}
        scroll={{ x: 1140 }}
        data-testid="report-table"
        onRow={(row) =>
          ({
            "data-testid": "report-row",
            "data-code": row.code,
            style: isDirty(row) ? { background: "#fffbe6" } : undefined,
          }) as HTMLAttributes<HTMLElement>
        }
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tp("rep.empty")} /> }}
      />
      {detail && (
        <ReportModal
          target={detail}
          onClose={() => setDetail(null)}
          onSaved={(p) => {
            forget(p.id);
            void queryClient.invalidateQueries({ queryKey: projectKeys.reportSheet(params) });
          }}
        />
      )}
    </>
  );
}
