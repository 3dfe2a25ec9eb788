import { z } from "zod";

// Fallback messages in Simplified Chinese; every schema module imports this.
const zhCN = z.locales.zhCN();
z.config(zhCN);

/** What a union says when its schema gives no message of its own (无效输入): zod-findings then reads the branch the value fits. */
export const UNION_FALLBACK_MESSAGE = String(zhCN.localeError({ code: "invalid_union", errors: [], input: undefined, path: [] } as never));
