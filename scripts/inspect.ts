// npm run inspect -- [--root DIR] [--dist DIR] [--now ISO] [--full] [--external] [--linked] [--url BASE] [--json]
// npm run inspect -- --github --repo OWNER/NAME [--api-url URL]   (token: GITHUB_TOKEN): one 读网 issue, edited in place, closed when clean.
import { runJob } from "../src/cli/run.ts";
import { inspectJob } from "../src/jobs/inspect.ts";

const usage = `用法：npm run inspect -- [选项]
读网：检查生成好的网站：站内链接和锚点、过期信息是否仍在列表/网站地图/订阅源/搜索中、
失效和废止文件是否有提示、按今天的词表和个人信息规则复查每篇已发布文章；
可选检查外部链接和链接栏目、线上网站与构建是否一致；最后给出全国政府网站检查指标的单项否决判断。

选项：
  --root 目录        门户仓库所在的目录（默认：当前目录）
  --dist 目录        生成好的网站目录（默认：门户目录下的 dist）
  --now 时间         按这个时间判断，须带时区，例如 2026-12-02T09:00:00+08:00（默认：现在）
  --linked           检查链接栏目：网址能否打开，写了 feed 的还检查被链接网站是否读得到、是否长期未更新（需联网）
  --external         同时检查外部链接和链接栏目（需联网，含 --linked）
  --full             每月全面检查：包括外部链接
  --url 网址         把线上网站的每个页面与构建结果逐字节比对，例如 https://www.example.gov.cn
  --json             以 JSON 输出
  --github           在 GitHub 上保持一个“读网”议题，写明最新发现的问题，没有问题时关闭（令牌：环境变量 GITHUB_TOKEN）
  --repo 所有者/仓库名
  --api-url 地址     GitHub 企业版的接口地址（默认 https://api.github.com）
  -h, --help         显示本说明

例如：
  npm run inspect
  npm run inspect -- --full --url https://www.example.gov.cn
  GITHUB_TOKEN=… npm run inspect -- --github --repo city-cppcc/portal`;

runJob({ usage, flags: ["json", "github", "full", "external", "linked"], options: ["root", "dist", "now", "url", "repo", "api-url"] }, inspectJob);
