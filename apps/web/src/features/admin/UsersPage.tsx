import { EditOutlined, KeyOutlined, PlusOutlined, SearchOutlined, UnlockOutlined } from "@ant-design/icons";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { isStrongPassword } from "@zoneos/domain/password";
import { ROLE_NAMES, ROLES } from "@zoneos/domain/roles";
import {
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from "antd";
import { useEffect, useMemo, useState } from "react";
import { api } from "../../app/api.ts";
import { useMe } from "../../app/auth.ts";
import { useI18n } from "../../app/i18n.ts";
import type { Role, User, UserCreate, UserList, UserUpdate } from "../../app/types.ts";
import { EnterprisePicker } from "../../components/EnterprisePicker.tsx";
import { showError, showSuccess } from "../../components/feedback.ts";
import { formatDateTime } from "../../components/format.ts";
import { buildUnitTree, orgKeys, type UnitTreeOption, unitTreeOptions, useUnits } from "./useOrg.ts";

const ROLE_COLORS: Record<Role, string> = {
  admin: "red",
  leader: "gold",
  unithead: "blue",
  officer: "cyan",
  enterprise: "green",
};

const USERNAME = /^[A-Za-z0-9_.@-]{2,64}$/;

type UserValues = {
  username?: string;
  initialPassword?: string;
  displayName: string;
  phone?: string | null;
  email?: string | null;
  role: Role;
  unitId?: string | null;
  enterpriseId?: string | null;
  disabled?: boolean;
};

function updateBody(u: User, patch: Partial<UserUpdate> = {}): UserUpdate {
  return {
    displayName: u.displayName,
    phone: u.phone,
    email: u.email,
    role: u.role,
    unitId: u.unitId,
    enterpriseId: u.enterpriseId,
    disabled: u.disabled,
    ...patch,
  };
}

function usePasswordRule() {
  const { t } = useI18n();
  return [
    { required: true, message: t("common.required", { field: t("users.initialPassword") }) },
    {
      validator: (_: unknown, v: string | undefined) =>
        !v || isStrongPassword(v) ? Promise.resolve() : Promise.reject(new Error(t("password.rule"))),
    },
  ];
}

function UserModal({ user, units, onClose }: { user: User | null; units: UnitTreeOption[]; onClose: () => void }) {
  const { lang, t } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<UserValues>();
  const role = Form.useWatch("role", form);
  const passwordRule = usePasswordRule();
  const creating = user === null;

  const save = useMutation({
    mutationFn: (v: UserValues) => {
      const common = {
        displayName: v.displayName,
        phone: v.phone || null,
        email: v.email || null,
        role: v.role,
        unitId: v.unitId ?? null,
        enterpriseId: v.role === "enterprise" ? (v.enterpriseId ?? null) : null,
      };
      if (creating) {
        const body: UserCreate = { ...common, username: v.username ?? "", initialPassword: v.initialPassword ?? "" };
        return api.post<User>("/users", body);
      }
      const body: UserUpdate = { ...common, disabled: v.disabled ?? false };
      return api.put<User>(`/users/${user.id}`, body);
    },
    meta: { quiet: true },
    onSuccess: () => {
      showSuccess(creating ? t("users.created") : t("common.saved"));
      void queryClient.invalidateQueries({ queryKey: orgKeys.users });
      void queryClient.invalidateQueries({ queryKey: orgKeys.units });
      onClose();
    },
    onError: (err) => showError(err, form),
  });

  const initial: UserValues = user
    ? {
        displayName: user.displayName,
        phone: user.phone,
        email: user.email,
        role: user.role,
        unitId: user.unitId,
        enterpriseId: user.enterpriseId,
        disabled: user.disabled,
      }
    : { displayName: "", role: "officer" };

  return (
    <Modal
      open
      title={creating ? t("users.new") : `${t("users.edit")} · ${user.username}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common.save")}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<UserValues> form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        {creating && (
          <>
            <Form.Item
              name="username"
              label={t("users.username")}
              rules={[
                { required: true, message: t("common.required", { field: t("users.username") }) },
                { pattern: USERNAME, message: t("users.usernameRule") },
              ]}
            >
              <Input maxLength={64} autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="initialPassword"
              label={t("users.initialPassword")}
              extra={`${t("password.rule")}；${t("users.initialPasswordHint")}`}
              rules={passwordRule}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="displayName"
          label={t("users.displayName")}
          rules={[
            { required: true, whitespace: true, message: t("common.required", { field: t("users.displayName") }) },
          ]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="phone" label={t("users.phone")}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="email" label={t("users.email")} extra={t("users.emailHint")}>
          <Input type="email" maxLength={200} data-testid="user-email" />
        </Form.Item>
        <Form.Item name="role" label={t("users.role")} rules={[{ required: true }]}>
          <Select options={ROLES.map((r) => ({ value: r, label: ROLE_NAMES[r][lang] }))} />
        </Form.Item>
        <Form.Item name="unitId" label={t("users.unit")}>
          <TreeSelect
            allowClear
            showSearch
            treeDefaultExpandAll
            treeNodeFilterProp="title"
            treeData={units}
            placeholder={t("common.select")}
          />
        </Form.Item>
        {role === "enterprise" && (
          <Form.Item
            name="enterpriseId"
            label={t("users.enterprise")}
            rules={[{ required: true, message: t("users.enterpriseRequired") }]}
          >
            <EnterprisePicker initialLabel={user?.enterpriseName} />
          </Form.Item>
        )}
        {!creating && (
          <Form.Item name="disabled" label={t("users.disabled")} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ initialPassword: string }>();
  const passwordRule = usePasswordRule();
  const reset = useMutation({
    mutationFn: (v: { initialPassword: string }) => api.post<void>(`/users/${user.id}/reset-password`, v),
    meta: { quiet: true },
    onSuccess: () => {
      showSuccess(t("users.resetDone"));
      void queryClient.invalidateQueries({ queryKey: orgKeys.users });
      onClose();
    },
    onError: (err) => showError(err, form),
  });
  return (
    <Modal
      open
      title={`${t("users.resetPassword")} · ${user.displayName}（${user.username}）`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={reset.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => reset.mutate(v)}>
        <Form.Item
          name="initialPassword"
          label={t("users.initialPassword")}
          extra={`${t("password.rule")}；${t("users.initialPasswordHint")}`}
          rules={passwordRule}
        >
          <Input.Password autoComplete="new-password" autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function StatusTags({ u }: { u: User }) {
  const { t } = useI18n();
  const tags = [];
  if (u.disabled) tags.push(<Tag key="d">{t("users.disabled")}</Tag>);
  if (u.locked)
    tags.push(
      <Tag key="l" color="red">
        {t("users.locked")}
      </Tag>,
    );
  if (u.mustChangePassword)
    tags.push(
      <Tag key="m" color="orange">
        {t("users.mustChange")}
      </Tag>,
    );
  if (tags.length === 0)
    tags.push(
      <Tag key="a" color="green">
        {t("users.active")}
      </Tag>,
    );
  return <>{tags}</>;
}

export function UsersPage() {
  const { lang, t } = useI18n();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const units = useUnits();
  const unitOptions = useMemo(() => unitTreeOptions(buildUnitTree(units.data?.items ?? [])), [units.data]);

  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  const [role, setRole] = useState<Role | undefined>();
  const [unitId, setUnitId] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [editing, setEditing] = useState<User | null | "new">(null);
  const [resetting, setResetting] = useState<User | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => {
      setQ(text.trim());
      setPage(1);
    }, 300);
    return () => clearTimeout(timer);
  }, [text]);

  const params = { q, role, unitId, page, pageSize };
  const users = useQuery({
    queryKey: [...orgKeys.users, params],
    queryFn: ({ signal }) => api.get<UserList>("/users", params, signal),
    placeholderData: keepPreviousData,
  });

  const refresh = () => void queryClient.invalidateQueries({ queryKey: orgKeys.users });
  const setDisabled = useMutation({
    mutationFn: ({ u, disabled }: { u: User; disabled: boolean }) =>
      api.put<User>(`/users/${u.id}`, updateBody(u, { disabled })),
    onSuccess: () => {
      showSuccess(t("common.saved"));
      refresh();
    },
  });
  const unlock = useMutation({
    mutationFn: (u: User) => api.post<void>(`/users/${u.id}/unlock`),
    onSuccess: () => {
      showSuccess(t("users.unlocked"));
      refresh();
    },
  });

  return (
    <Card
      title={t("users.title")}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")}>
          {t("users.new")}
        </Button>
      }
    >
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t("users.search")}
          value={text}
          onChange={(e) => setText(e.target.value)}
          style={{ width: 260 }}
        />
        <Select
          allowClear
          placeholder={t("users.role")}
          style={{ width: 160 }}
          value={role}
          onChange={(v?: Role) => {
            setRole(v);
            setPage(1);
          }}
          options={ROLES.map((r) => ({ value: r, label: ROLE_NAMES[r][lang] }))}
        />
        <TreeSelect
          allowClear
          showSearch
          treeDefaultExpandAll
          treeNodeFilterProp="title"
          placeholder={t("users.unit")}
          style={{ width: 220 }}
          value={unitId}
          onChange={(v?: string) => {
            setUnitId(v);
            setPage(1);
          }}
          treeData={unitOptions}
        />
      </Flex>
      <Table<User>
        rowKey="id"
        loading={users.isFetching}
        dataSource={users.data?.items ?? []}
        scroll={{ x: 1500 }}
        data-testid="users-table"
        locale={{
          emptyText: users.isPending ? (
            " "
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("users.empty")} />
          ),
        }}
        pagination={{
          current: page,
          pageSize,
          total: users.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t("common.total", { n }),
          onChange: (p, s) => {
            setPage(s === pageSize ? p : 1);
            setPageSize(s);
          },
        }}
        columns={[
          {
            title: t("users.username"),
            dataIndex: "username",
            width: 130,
            render: (v: string) => <Typography.Text style={{ fontFamily: "monospace" }}>{v}</Typography.Text>,
          },
          { title: t("users.displayName"), dataIndex: "displayName", width: 150 },
          {
            title: t("users.role"),
            dataIndex: "role",
            width: 120,
            render: (r: Role) => <Tag color={ROLE_COLORS[r]}>{ROLE_NAMES[r][lang]}</Tag>,
          },
          { title: t("users.unit"), dataIndex: "unitName", width: 150, render: (v: string | null) => v ?? "—" },
          {
            title: t("users.enterprise"),
            dataIndex: "enterpriseName",
            width: 180,
            ellipsis: true,
            render: (v: string | null) => v ?? "—",
          },
          { title: t("users.phone"), dataIndex: "phone", width: 130, render: (v: string | null) => v ?? "—" },
          {
            title: t("users.status"),
            key: "status",
            width: 150,
            render: (_: unknown, u: User) => <StatusTags u={u} />,
          },
          {
            title: t("users.lastLogin"),
            dataIndex: "lastLoginAt",
            width: 150,
            render: (v: string | null) => (v ? formatDateTime(v) : t("users.never")),
          },
          {
            title: t("common.actions"),
            key: "actions",
            fixed: "right",
            width: 280,
            render: (_: unknown, u: User) => (
              <Space size={0} wrap>
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(u)}>
                  {t("common.edit")}
                </Button>
                <Button type="link" size="small" icon={<KeyOutlined />} onClick={() => setResetting(u)}>
                  {t("users.resetPassword")}
                </Button>
                {u.locked && (
                  <Button type="link" size="small" icon={<UnlockOutlined />} onClick={() => unlock.mutate(u)}>
                    {t("users.unlock")}
                  </Button>
                )}
                {u.id !== me?.id &&
                  (u.disabled ? (
                    <Button type="link" size="small" onClick={() => setDisabled.mutate({ u, disabled: false })}>
                      {t("users.enable")}
                    </Button>
                  ) : (
                    <Popconfirm
                      title={t("users.disableConfirm", { name: u.displayName })}
                      okButtonProps={{ danger: true }}
                      onConfirm={() => setDisabled.mutate({ u, disabled: true })}
                    >
                      <Button type="link" size="small" danger>
                        {t("users.disable")}
                      </Button>
                    </Popconfirm>
                  ))}
              </Space>
            ),
          },
        ]}
      />
      {editing !== null && (
        <UserModal user={editing === "new" ? null : editing} units={unitOptions} onClose={() => setEditing(null)} />
      )}
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />}
    </Card>
  );
}
