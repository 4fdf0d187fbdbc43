import { useQuery } from "@tanstack/react-query";
import { Tag } from "antd";
import { Link } from "react-router";
import { api } from "../../app/api.ts";
import { can, useMe } from "../../app/auth.ts";
import { useLeadI18n } from "./leadI18n.ts";
import { type LeadList, leadKeys } from "./useLeads.ts";

/** On a project's page: the investment lead it came from at 开工 (招商项目), for those who read the pipeline. */
export function ProjectLeadTag({ projectId }: { projectId: string }) {
  const { tl } = useLeadI18n();
  const { data: me } = useMe();
  const allowed = can(me, "lead.read");
  const { data } = useQuery({
    queryKey: [...leadKeys.all, "ofProject", projectId],
    queryFn: ({ signal }) => api.get<LeadList>("/leads", { projectId, page: 1, pageSize: 1 }, signal),
    enabled: allowed,
    staleTime: 60_000,
  });
  const lead = data?.items[0];
  if (!lead) return null;
  return (
    <Link to={`/leads/${lead.id}`} data-testid="project-lead">
      <Tag color="purple">{tl("project.fromLead", { code: lead.code })}</Tag>
    </Link>
  );
}
