import { PlusOutlined } from "@ant-design/icons";
import { Button, Flex } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { can, useMe } from "../../app/auth.ts";
import { useVisitI18n } from "./useVisits.ts";
import { VisitTable } from "./VisitListPage.tsx";

/** The visits to one enterprise, for its page (the enterprise user sees them too, without the internal notes). */
export function EnterpriseVisits({ enterpriseId }: { enterpriseId: string }) {
  const { tv } = useVisitI18n();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  return (
    <Flex vertical gap={12} data-testid="enterprise-visits">
      {can(me, "visit.record") && (
        <div>
          <Button icon={<PlusOutlined />} onClick={() => navigate(`/visits/new?enterpriseId=${enterpriseId}`)}>
            {tv("visits.new")}
          </Button>
        </div>
      )}
      <VisitTable
        params={{ enterpriseId, ...page }}
        showEnterprise={false}
        onPage={(p, pageSize) => setPage({ page: p, pageSize })}
      />
    </Flex>
  );
}
