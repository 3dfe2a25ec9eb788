import { z } from "zod";

// Fallback messages in Simplified Chinese; every schema module imports this.
z.config(z.locales.zhCN());
