import { REGION_TREE } from "@zoneos/domain/regions";
import { type CascaderOption, cascaderOptions } from "./IndustryCascader.tsx";

/** GB/T 2260 as cascader options (province → city → county); paths of a code from the domain's `regionPath`. */
export const REGION_OPTIONS: CascaderOption[] = cascaderOptions(REGION_TREE, false);
