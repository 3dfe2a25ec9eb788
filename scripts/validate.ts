// npm run validate -- [--root DIR] [--json]: the outside validators (W3C Nu, Lighthouse, axe-core, linkinator) on the built portals.
import { runJob } from "../src/cli/run.ts";
import { validateJob } from "../src/jobs/validate.ts";

const usage = `用法：npm run validate -- [选项]
用外部检测工具检查门户：生成网站后，用 W3C Nu HTML Checker 检查每个页面，用 Lighthouse 按手机测首页、栏目、文章、政策文件和检索页的性能、无障碍、最佳实践和 SEO，用 axe-core 查无障碍问题，用 linkinator 查站内失效链接。
工具首次运行时从 npm 仓库下载；W3C 检查需要 Java 17 或以上，Lighthouse 和 axe 使用本机的 Chromium。
达标要求：W3C 错误 0，无障碍和 SEO 100 分，性能 95 分以上，axe 违规 0，失效链接 0。

选项：
  --root 目录  只检查这个门户（默认：示例门户和 examples/ 下的每个门户）
  --json       以 JSON 输出
  -h, --help   显示本说明

例如：
  npm run validate
  npm run validate -- --root examples/linyi --json`;

runJob({ usage, options: ["root"], flags: ["json"] }, validateJob);
